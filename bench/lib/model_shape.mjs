// The founding model of issue 6 (32 -> Dense 128 relu -> Dense 64 relu -> Dense 1 sigmoid) and
// the GEMM FLOPs of one training sample: forward products + weight gradients + input gradients
// of layers 2 and 3 (layer 1 needs no input gradient). Element-wise work and Adam are not counted.
export const FEATURES = 32;
export const HIDDEN = [128, 64];
export const BATCH = 32;
export const EPOCHS = 10;
export const LEARNING_RATE = 0.001;

export function flopsPerSample(inputs = FEATURES, hidden = HIDDEN, outputs = 1) {
  const widths = [inputs, ...hidden, outputs];
  let forward = 0, weightGrad = 0, inputGrad = 0;
  for (let l = 0; l + 1 < widths.length; ++l) {
    const macs = widths[l] * widths[l + 1];
    forward += 2 * macs;
    weightGrad += 2 * macs;
    if (l > 0) inputGrad += 2 * macs;
  }
  return { forward, weightGrad, inputGrad, train: forward + weightGrad + inputGrad, predict: forward };
}
