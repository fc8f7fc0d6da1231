package org.megbox.warehouses.internal.console;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.megbox.warehouses.internal.NoSuchWarehouseException;
import org.megbox.warehouses.internal.RejectedException;
import org.megbox.warehouses.internal.WarehouseInfo;
import org.megbox.warehouses.internal.WarehouseInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands {@code megbox:warehouses}, {@code megbox:install <path>}, {@code megbox:update <path>},
 * {@code megbox:uninstall <symbolicName>}: the same installer as REST and the drop folder. Plain methods
 * returning text, so no Gogo API is imported.
 */
@Component(service = WarehouseCommands.class, property = {
    "osgi.command.scope=megbox",
    "osgi.command.function=warehouses",
    "osgi.command.function=install",
    "osgi.command.function=update",
    "osgi.command.function=uninstall"})
public final class WarehouseCommands {

    private final WarehouseInstaller installer;

    @Activate
    public WarehouseCommands(@Reference WarehouseInstaller installer) {
        this.installer = installer;
    }

    public String warehouses() {
        List<WarehouseInfo> all = installer.list();
        if (all.isEmpty()) {
            return "no warehouse installed (drop folder " + installer.deployDir() + ")";
        }
        return all.stream().map(WarehouseCommands::line).collect(Collectors.joining(System.lineSeparator()));
    }

    public String install(String path) {
        return doInstall(path, false);
    }

    public String update(String path) {
        return doInstall(path, true);
    }

    public String uninstall(String symbolicName) {
        try {
            installer.uninstall(symbolicName);
            return "uninstalled " + symbolicName;
        } catch (NoSuchWarehouseException | RejectedException e) {
            return "refused: " + e.getMessage();
        }
    }

    private String doInstall(String path, boolean mustExist) {
        try {
            return (mustExist ? "updated " : "installed ") + line(installer.install(Path.of(path), mustExist));
        } catch (RejectedException e) {
            return "refused: " + e.getMessage();
        } catch (java.io.IOException e) {
            return "failed: " + e;
        }
    }

    static String line(WarehouseInfo w) {
        return String.format("%-8s %-34s %-16s alg_type %-6s %-14s %s%s", w.state(), w.symbolicName(), w.version(),
                w.algTypes().isEmpty() ? "-" : w.algTypes().get(0), w.itemsType() == null ? "-" : w.itemsType(),
                w.location(), w.problem() == null ? "" : "  PROBLEM: " + w.problem());
    }
}
