// LossChart: the live loss curve (training and validation loss per epoch) drawn on a <canvas>,
// so the dashboard needs no chart dependency. Redraws fully on every point (a few hundred at most).

const COLORS = { loss: '#2563eb', valLoss: '#ea580c', axis: '#64748b', grid: '#e2e8f0' } as const;

/** A two-series line chart of loss per epoch. */
export class LossChart {
  private readonly loss: number[] = [];
  private readonly valLoss: (number | null)[] = [];
  private maxEpochs = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.draw();
  }

  /** Clears the curve for a new run of at most `epochs` epochs. */
  reset(epochs: number): void {
    this.loss.length = 0;
    this.valLoss.length = 0;
    this.maxEpochs = Math.max(1, epochs);
    this.draw();
  }

  /** Adds one epoch's losses and redraws. */
  add(loss: number, valLoss: number | null): void {
    this.loss.push(loss);
    this.valLoss.push(valLoss);
    this.draw();
  }

  private draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { width, height } = this.canvas;
    const pad = { left: 44, right: 12, top: 22, bottom: 24 };
    const w = width - pad.left - pad.right;
    const h = height - pad.top - pad.bottom;
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';

    const values = [...this.loss, ...this.valLoss.filter((v): v is number => v !== null)].filter(Number.isFinite);
    const top = values.length ? Math.max(...values) * 1.05 : 1;
    const xMax = Math.max(this.maxEpochs, this.loss.length, 2);
    const x = (i: number) => pad.left + (i / (xMax - 1)) * w;
    const y = (v: number) => pad.top + h - (Math.min(v, top) / top) * h;

    ctx.strokeStyle = COLORS.grid;
    ctx.fillStyle = COLORS.axis;
    ctx.lineWidth = 1;
    for (let k = 0; k <= 4; k++) {
      const v = (top * k) / 4;
      ctx.beginPath();
      ctx.moveTo(pad.left, y(v));
      ctx.lineTo(pad.left + w, y(v));
      ctx.stroke();
      ctx.fillText(v.toFixed(2), 4, y(v) + 4);
    }
    ctx.fillText('epoch', pad.left + w - 34, height - 6);
    ctx.fillText('1', pad.left, height - 6);
    ctx.fillText(String(xMax), pad.left + w - 60, height - 6);

    this.line(ctx, this.loss, x, y, COLORS.loss);
    this.line(ctx, this.valLoss, x, y, COLORS.valLoss);
    this.legend(ctx, pad.left, 14);
  }

  private line(ctx: CanvasRenderingContext2D, series: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number, color: string): void {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let pen = false;
    series.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      if (pen) ctx.lineTo(x(i), y(v));
      else ctx.moveTo(x(i), y(v));
      pen = true;
    });
    ctx.stroke();
  }

  private legend(ctx: CanvasRenderingContext2D, left: number, baseline: number): void {
    const items: [string, string][] = [['training loss', COLORS.loss], ['validation loss', COLORS.valLoss]];
    let at = left;
    for (const [label, color] of items) {
      ctx.fillStyle = color;
      ctx.fillRect(at, baseline - 8, 14, 4);
      ctx.fillStyle = COLORS.axis;
      ctx.fillText(label, at + 18, baseline - 2);
      at += 18 + ctx.measureText(label).width + 16;
    }
  }
}
