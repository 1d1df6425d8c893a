import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { manifest } from 'build-time-data';
import '@vaadin/button';

/** Sends a CloudEvent to the functions whose triggers select it, as a broker would. */
export class QwcEventloomSend extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        form { display: grid; grid-template-columns: max-content 1fr; gap: 8px 12px; max-width: 900px; }
        label { color: var(--lumo-secondary-text-color); padding-top: 4px; }
        input, textarea { font: inherit; padding: 4px 6px; border: 1px solid var(--lumo-contrast-30pct);
                          border-radius: 4px; background: var(--lumo-base-color); color: var(--lumo-body-text-color); }
        textarea { min-height: 8em; font-family: var(--lumo-font-family-monospace, monospace); }
        .failed { color: var(--lumo-error-text-color); }
        .ok { color: var(--lumo-success-text-color); }
    `;

    static properties = {
        _result: { state: true },
    };

    render() {
        const types = [...new Set(manifest.functions.flatMap(fn => (fn.triggers || [])
            .flatMap(t => t.filters || []).filter(f => f.exact && f.exact.type).map(f => f.exact.type)))].sort();
        return html`<form @submit=${this._send}>
                <label for="type">Type</label>
                <input id="type" list="types" required value="${types[0] ?? ''}">
                <datalist id="types">${types.map(t => html`<option value="${t}"></option>`)}</datalist>
                <label for="source">Source</label><input id="source" required value="/dev-ui">
                <label for="subject">Subject</label><input id="subject">
                <label for="extensions">Extensions</label><input id="extensions" placeholder="tier=gold, partitionkey=42">
                <label for="data">Data (JSON or text)</label><textarea id="data">{"name": "Ada"}</textarea>
                <span></span><vaadin-button id="send" theme="primary" @click=${this._send}>Send</vaadin-button>
            </form>
            <div id="result">${this._renderResult()}</div>`;
    }

    _renderResult() {
        const r = this._result;
        if (!r) {
            return html`<p>The event goes to every function whose triggers select it; each attempt shows on the
                Invocations page, and replies go on to the functions they feed.</p>`;
        }
        if (r.error) {
            return html`<p class="failed">${r.error}</p>`;
        }
        return html`<p>Event <code>${r.eventId}</code>:</p><ul>${r.deliveries.map(d => html`<li class="${d.outcome}"
            data-function="${d.function}">${d.function}: ${d.outcome}${d.error ? ' (' + d.error + ')' : ''}</li>`)}</ul>`;
    }

    _value(id) {
        return this.renderRoot.querySelector('#' + id).value.trim();
    }

    _send(e) {
        e.preventDefault();
        const data = this._value('data');
        const event = {
            specversion: '1.0', id: crypto.randomUUID(), type: this._value('type'), source: this._value('source'),
        };
        if (this._value('subject')) {
            event.subject = this._value('subject');
        }
        for (const pair of this._value('extensions').split(',').map(p => p.trim()).filter(p => p)) {
            const at = pair.indexOf('=');
            if (at <= 0) {
                this._result = { error: `Extension '${pair}' is not name=value` };
                return;
            }
            event[pair.substring(0, at).trim().toLowerCase()] = pair.substring(at + 1).trim();
        }
        if (data) {
            try {
                event.data = JSON.parse(data);
                event.datacontenttype = 'application/json';
            } catch (notJson) {
                event.data = data;
                event.datacontenttype = 'text/plain';
            }
        }
        this.jsonRpc.send({ event: JSON.stringify(event) }).then(response => this._result = response.result);
    }
}
customElements.define('qwc-eventloom-send', QwcEventloomSend);
