package org.megbox.warehouses.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.rest.UploadedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warehouse management over REST (beyond the spec, same envelope):
 * <ul>
 * <li>{@code GET /warehouses}: {@code {"warehouses": [WarehouseInfo…]}};</li>
 * <li>{@code POST /warehouses}, multipart part {@code file}: install or update, answers the warehouse's
 * entry; a refused jar gets 104001 {@code ILLEGAL_ARGUMENT:file} (the reason is logged);</li>
 * <li>{@code DELETE /warehouses/{symbolicName}}: uninstall and delete its jar; unknown name 104007
 * {@code RESOURCES_NOT_FOUND:symbolicName}; a bundle that is not a warehouse 104001
 * {@code ILLEGAL_ARGUMENT:symbolicName}.</li>
 * </ul>
 */
@Component(service = RestEndpoint.class)
public final class WarehouseEndpoint implements RestEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseEndpoint.class);

    private final WarehouseInstaller installer;

    @Activate
    public WarehouseEndpoint(@Reference WarehouseInstaller installer) {
        this.installer = installer;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/warehouses", this::list),
                Route.post("/warehouses", this::install),
                Route.delete("/warehouses/{symbolicName}", this::uninstall));
    }

    Object list(RestRequest request) {
        return Map.of("warehouses", installer.list());
    }

    Object install(RestRequest request) throws IOException {
        UploadedFile file = request.file("file").orElseThrow(() -> ApiException.missing("file"));
        if (file.content() == null || file.content().length == 0) {
            throw illegalFile("the uploaded file is empty");
        }
        try {
            return installer.install(file.content(), false);
        } catch (RejectedException e) {
            throw illegalFile(e.getMessage());
        }
    }

    Object uninstall(RestRequest request) {
        String name = request.pathParam("symbolicName");
        try {
            installer.uninstall(name);
            return null;
        } catch (NoSuchWarehouseException e) {
            throw new ApiException(ErrorCode.RESOURCES_NOT_FOUND, "symbolicName");
        } catch (RejectedException e) {
            LOG.info("DELETE /warehouses/{} refused: {}", name, e.getMessage());
            throw ApiException.illegal("symbolicName");
        }
    }

    /**
     * 104001 {@code ILLEGAL_ARGUMENT:file}; the human reason travels in {@code data.reason} so the
     * message keeps the spelling clients match on.
     */
    static ApiException illegalFile(String reason) {
        LOG.info("warehouse upload refused: {}", reason);
        return ApiException.illegal("file").withData(java.util.Map.of("reason", reason));
    }
}
