import { LitElement, html, css } from 'lit';
import { manifest } from 'build-time-data';
import { describeTrigger, describeDelivery, describeWiring, replies } from './eventloom-describe.js';

/** The application's functions as the build found them. */
export class QwcEventloomFunctions extends LitElement {

    static styles = css`
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 10px; vertical-align: top;
                 border-bottom: 1px solid var(--lumo-contrast-10pct); }
        th { color: var(--lumo-secondary-text-color); font-weight: normal; }
        code { font-size: 0.95em; }
        small { color: var(--lumo-secondary-text-color); }
        ul { margin: 0; padding-left: 1em; }
    `;

    render() {
        return html`<table id="functions">
            <thead><tr><th>Function</th><th>Triggers</th><th>Reply</th><th>Delivery</th><th>Deploys as</th></tr></thead>
            <tbody>${manifest.functions.map(fn => html`<tr data-function="${fn.name}">
                <td><code class="name">${fn.name}</code><br><small title="${fn.class}#${fn.method}">${fn.class
                    .substring(fn.class.lastIndexOf('.') + 1)}#${fn.method}, ${fn.dispatch}</small></td>
                <td>${(fn.triggers || []).length === 0 ? html`<small>none: called directly</small>`
                    : html`<ul>${fn.triggers.map(t => html`<li class="trigger">${describeTrigger(t)}</li>`)}</ul>`}</td>
                <td>${replies(fn) ? html`<code>${fn.reply.type}</code>` : html`<small>none</small>`}</td>
                <td>${describeDelivery(fn)}</td>
                <td><small>${describeWiring(manifest, fn).map(line => html`${line}<br>`)}</small></td>
            </tr>`)}</tbody>
        </table>`;
    }
}
customElements.define('qwc-eventloom-functions', QwcEventloomFunctions);
