// ECharts, served from node_modules as /console/assets/echarts.js (a UMD file: it sets window.echarts).
import { onBeforeUnmount, onMounted, ref, watch } from '/console/assets/vue.js';

let loading = null;

export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  loading = loading || new Promise((resolve, reject) => {
    const script = document.createElement('script');
    // The version in the URL lets the browser keep the file until an upgrade changes it.
    const version = document.documentElement.dataset.echarts;
    script.src = version ? `/console/assets/echarts.js?v=${encodeURIComponent(version)}` : '/console/assets/echarts.js';
    script.onload = () => resolve(window.echarts);
    script.onerror = () => { loading = null; reject(new Error('echarts failed to load')); };
    document.head.appendChild(script);
  });
  return loading;
}

/** <e-chart :option="…" />: one chart drawn on a canvas, redrawn when the option changes. */
export const EChart = {
  props: { option: Object, height: { type: String, default: '280px' } },
  setup(props) {
    const el = ref(null);
    let chart = null;
    const resize = () => chart && chart.resize();
    onMounted(async () => {
      const echarts = await loadECharts();
      if (!el.value) return;
      chart = echarts.init(el.value, null, { renderer: 'canvas' });
      if (props.option) chart.setOption(props.option, true);
      window.addEventListener('resize', resize);
    });
    watch(() => props.option, (option) => chart && option && chart.setOption(option, true), { deep: true });
    onBeforeUnmount(() => {
      window.removeEventListener('resize', resize);
      if (chart) chart.dispose();
    });
    return { el };
  },
  template: `<div ref="el" class="chart" :style="{ height }" data-test="chart"></div>`,
};

/** 0.873 → "87.3%"; null → the "none" mark. */
export function pct(value, none) {
  return value === null || value === undefined ? none : `${(value * 100).toFixed(1)}%`;
}

/** Series per key (sector, area) over the sorted periods, for a stacked chart. */
export function seriesOf(volumes, nameOf) {
  const periods = [...new Set(volumes.map((v) => v.period))].sort();
  const keys = [...new Set(volumes.map((v) => v.key))];
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = keys.map((key) => {
    const data = periods.map(() => 0);
    for (const v of volumes) if (v.key === key) data[index.get(v.period)] += v.n;
    return { name: nameOf(key), type: 'bar', stack: 'total', data, emphasis: { focus: 'series' } };
  });
  return { periods, series };
}
