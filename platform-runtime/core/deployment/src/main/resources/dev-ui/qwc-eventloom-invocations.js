import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';

/** Every attempt to run a function, live, with the event and the reply; an event can be sent again. */
export class QwcEventloomInvocations extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct);
                 vertical-align: top; }
        th { color: var(--lumo-secondary-text-color); font-weight: normal; }
        tr.entry { cursor: pointer; }
        .ok { color: var(--lumo-success-text-color); }
        .failed, .dead-lettered { color: var(--lumo-error-text-color); }
        pre { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: 0.9em; }
        .bar { display: flex; gap: 8px; align-items: center; padding: 4px 0; }
    `;

    static properties = {
        _entries: { state: true },
        _open: { state: true },
        _message: { state: true },
    };

    constructor() {
        super();
        this._entries = [];
        this._open = new Set();
        this._message = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getInvocations().then(response => {
            const known = new Set(this._entries.map(e => e.id));
            this._entries = [...response.result.filter(e => !known.has(e.id)), ...this._entries]
                .sort((a, b) => a.id - b.id);
        });
        this._stream = this.jsonRpc.streamInvocations().onNext(response => {
            this._entries = [...this._entries, response.result];
        });
    }

    disconnectedCallback() {
        if (this._stream) {
            this._stream.cancel();
        }
        super.disconnectedCallback();
    }

    render() {
        return html`<div class="bar">
                <vaadin-button id="clear" theme="tertiary" @click=${this._clear}>Clear</vaadin-button>
                <span id="message">${this._message}</span>
            </div>
            <table id="invocations">
                <thead><tr><th>Time</th><th>Function</th><th>Event</th><th>Type</th><th>Source</th><th>Outcome</th>
                    <th>Duration</th><th>Attempt</th><th></th></tr></thead>
                <tbody>${[...this._entries].reverse().map(e => this._row(e))}</tbody>
            </table>
            ${this._entries.length === 0 ? html`<p id="empty">No invocations yet: send an event (the "Send an event"
                page, curl, a test) and it shows here.</p>` : ''}`;
    }

    _row(e) {
        const open = this._open.has(e.id);
        return html`<tr class="entry" data-function="${e.function}" data-outcome="${e.outcome}"
                @click=${() => this._toggle(e.id)}>
                <td>${e.time.substring(11, 23)}</td><td>${e.function}</td><td><code>${e.eventId}</code></td>
                <td>${e.type}</td><td>${e.source}</td><td class="${e.outcome}">${e.outcome}</td>
                <td>${e.durationMs !== undefined ? e.durationMs.toFixed(1) + ' ms' : ''}</td><td>${e.attempt ?? ''}</td>
                <td><vaadin-button class="replay" theme="small" @click=${(ev) => this._replay(ev, e.id)}>Replay</vaadin-button></td>
            </tr>
            ${open ? html`<tr class="details"><td colspan="9">
                ${e.error ? html`<p class="failed">${e.error}</p>` : ''}
                ${e.deadLetter ? html`<p>Sent to the dead letter <code>${e.deadLetter}</code></p>` : ''}
                <p>Event data${e.subject ? html` (subject <code>${e.subject}</code>)` : ''}:</p>
                <pre class="event">${e.event ?? '(none)'}</pre>
                ${e.replyType ? html`<p>Reply <code>${e.replyType}</code>:</p><pre class="reply">${e.reply ?? '(no data)'}</pre>` : ''}
            </td></tr>` : ''}`;
    }

    _toggle(id) {
        const open = new Set(this._open);
        open.has(id) ? open.delete(id) : open.add(id);
        this._open = open;
    }

    _replay(event, id) {
        event.stopPropagation();
        this.jsonRpc.replay({ id: id }).then(response => {
            const r = response.result;
            this._message = r.error ? r.error : `Event ${r.eventId} sent again to ${r.deliveries.map(d => d.function).join(', ')}`;
        });
    }

    _clear() {
        this.jsonRpc.clearInvocations().then(() => {
            this._entries = [];
            this._open = new Set();
        });
    }
}
customElements.define('qwc-eventloom-invocations', QwcEventloomInvocations);
