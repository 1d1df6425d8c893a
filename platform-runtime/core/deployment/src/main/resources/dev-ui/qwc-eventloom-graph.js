import { LitElement, html, svg, css } from 'lit';
import { manifest } from 'build-time-data';
import { describeFilter, acceptsType, replies } from './eventloom-describe.js';

const ROW = 64, NODE_W = 190, NODE_H = 36, SOURCE_X = 10, FUNCTION_X = 560, LABEL = 52;
const ANY = '(any source)';

/**
 * The event graph: sources on the left feed functions through their triggers; a function's reply feeds the functions
 * whose triggers accept its type (the arcs on the right), as the local broker or a Knative Broker routes it.
 */
export class QwcEventloomGraph extends LitElement {

    static styles = css`
        svg { font-family: var(--lumo-font-family); font-size: 13px; }
        .node rect { rx: 6; stroke-width: 1.5; }
        .source rect { fill: var(--lumo-contrast-5pct); stroke: var(--lumo-contrast-50pct); }
        .function rect { fill: var(--lumo-primary-color-10pct); stroke: var(--lumo-primary-color); }
        .edge { fill: none; stroke: var(--lumo-contrast-50pct); stroke-width: 1.5; marker-end: url(#arrow); }
        .reply { fill: none; stroke: var(--lumo-success-color); stroke-width: 1.5; marker-end: url(#arrow-reply); }
        .label { fill: var(--lumo-secondary-text-color); font-size: 11px; }
        .reply-label { fill: var(--lumo-success-text-color); font-size: 11px; }
        text { fill: var(--lumo-body-text-color); }
    `;

    render() {
        const triggered = manifest.functions.filter(fn => (fn.triggers || []).length > 0);
        // Functions without triggers are only called directly; they are drawn when their replies feed others.
        const functions = manifest.functions.filter(fn => (fn.triggers || []).length > 0 || (replies(fn)
            && triggered.some(to => to.triggers.some(t => !t.source && acceptsType(t, fn.reply.type)))));
        const sources = [...manifest.logicalSources];
        if (functions.some(fn => (fn.triggers || []).some(t => !t.source))) {
            sources.push(ANY);
        }
        const fy = new Map(functions.map((fn, i) => [fn.name, 20 + i * ROW]));
        const sy = new Map(sources.map((s, i) => [s, 20 + i * ROW]));
        const edges = [];
        functions.forEach(fn => (fn.triggers || []).forEach(t => edges.push({
            from: sy.get(t.source || ANY), to: fy.get(fn.name),
            label: (t.filters || []).map(describeFilter).join(' and ') || 'every event'
        })));
        const feeds = [];
        functions.filter(replies).forEach(from => functions.forEach(to => {
            if ((to.triggers || []).some(t => !t.source && acceptsType(t, from.reply.type))) {
                feeds.push({ from: fy.get(from.name), to: fy.get(to.name), label: from.reply.type });
            }
        }));
        const height = Math.max(sources.length, functions.length, 1) * ROW + 40;
        const right = FUNCTION_X + NODE_W;
        return html`<svg id="graph" width="${right + 420}" height="${height}">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
                    orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="gray"></path></marker>
                <marker id="arrow-reply" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
                    orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="green"></path></marker>
            </defs>
            ${edges.map(e => svg`
                <path class="edge" d="M ${SOURCE_X + NODE_W} ${e.from + NODE_H / 2}
                    C ${SOURCE_X + NODE_W + 60} ${e.from + NODE_H / 2}, ${FUNCTION_X - 60} ${e.to + NODE_H / 2},
                    ${FUNCTION_X} ${e.to + NODE_H / 2}"></path>
                <text class="label" x="${FUNCTION_X - 8}" y="${e.to + NODE_H / 2 - 6}" text-anchor="end"><title>${e.label}</title>${e.label.length > LABEL ? e.label.substring(0, LABEL) + '…' : e.label}</text>`)}
            ${feeds.map((f, i) => {
                const bulge = right + 60 + 40 * (i % 4);
                const y1 = f.from + NODE_H / 2, y2 = f.to + NODE_H / 2 + (f.from === f.to ? 10 : 0);
                return svg`<path class="reply" d="M ${right} ${y1} C ${bulge} ${y1}, ${bulge} ${y2}, ${right} ${y2}"></path>
                    <text class="reply-label" x="${bulge - 10}" y="${(y1 + y2) / 2}">${f.label}</text>`;
            })}
            ${sources.map(s => svg`<g class="node source" data-source="${s}">
                <rect x="${SOURCE_X}" y="${sy.get(s)}" width="${NODE_W}" height="${NODE_H}"></rect>
                <text x="${SOURCE_X + 10}" y="${sy.get(s) + 23}">${s}</text></g>`)}
            ${functions.map(fn => svg`<g class="node function" data-function="${fn.name}">
                <rect x="${FUNCTION_X}" y="${fy.get(fn.name)}" width="${NODE_W}" height="${NODE_H}"></rect>
                <text x="${FUNCTION_X + 10}" y="${fy.get(fn.name) + 23}">${fn.name}</text></g>`)}
        </svg>
        <p>Grey: a source feeds a function through its trigger. Green: a function's reply (its type on the arc) feeds
            the functions whose triggers accept it, in this process (the local broker) or through a Knative Broker.</p>`;
    }
}
customElements.define('qwc-eventloom-graph', QwcEventloomGraph);
