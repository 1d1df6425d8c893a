import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';

const HTTP = ['http-api', 'rest-api', 'alb', 'function-url'];

/** The kind of event a logical source's identifier (eventloom.lambda.sources) stands for. */
function kindOf(identifier) {
    const service = identifier.startsWith('arn:aws:') ? identifier.split(':')[2] : '';
    if (service === 'sqs' || service === 'sns' || service === 'kinesis' || service === 'dynamodb'
        || service === 'kafka') return service;
    if (service === 's3') return 's3';
    if (service === 'events') return 'schedule';
    return 'eventbridge';
}

/** Sends what an AWS source sends, with your records in it, to the application as AWS Lambda would. */
export class QwcEventloomLambdaSend extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        form { display: grid; grid-template-columns: max-content 1fr; gap: 8px 12px; max-width: 900px; }
        label { color: var(--lumo-secondary-text-color); padding-top: 4px; }
        input, select, textarea { font: inherit; padding: 4px 6px; border: 1px solid var(--lumo-contrast-30pct);
            border-radius: 4px; background: var(--lumo-base-color); color: var(--lumo-body-text-color); }
        textarea { min-height: 8em; font-family: var(--lumo-font-family-monospace, monospace); }
        pre { white-space: pre-wrap; word-break: break-all; font-size: 0.9em; }
        .failed { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _sources: { state: true },
        _kinds: { state: true },
        _kind: { state: true },
        _result: { state: true },
    };

    constructor() {
        super();
        this._sources = [];
        this._kinds = [];
        this._kind = 'sqs';
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getSources().then(response => {
            this._sources = response.result.sources;
            this._kinds = response.result.kinds;
        });
    }

    render() {
        const http = HTTP.includes(this._kind);
        return html`<form @submit=${this._send}>
                <label for="source">Logical source</label>
                <select id="source" @change=${this._pickSource}>
                    <option value="">(none: type the ARN)</option>
                    ${this._sources.map(s => html`<option value="${s.identifier}">${s.name} (${s.identifier})</option>`)}
                </select>
                <label for="kind">Event</label>
                <select id="kind" @change=${e => this._kind = e.target.value}>
                    ${this._kinds.map(k => html`<option value="${k}" ?selected=${k === this._kind}>${k}</option>`)}
                </select>
                ${http ? html`
                    <label for="method">Method</label><input id="method" value="POST">
                    <label for="path">Path</label><input id="path" value="/">` : html`
                    <label for="arn">ARN</label><input id="arn" placeholder="an example ARN when empty (S3: the bucket, EventBridge: the source)">
                    ${this._kind === 'kafka' || this._kind === 'eventbridge' ? html`
                        <label for="type">${this._kind === 'kafka' ? 'Topic' : 'Detail type'}</label>
                        <input id="type">` : ''}`}
                <label for="records">${http ? 'Body' : 'Records (one per part, parts separated by a line ---)'}</label>
                <textarea id="records">{"name": "Ada"}</textarea>
                <span></span><vaadin-button id="send" theme="primary" @click=${this._send}>Invoke</vaadin-button>
            </form>
            <div id="result">${this._renderResult()}</div>`;
    }

    _renderResult() {
        const r = this._result;
        if (!r) {
            return html`<p>The event goes through the mock Lambda Runtime API, as AWS would invoke the function; the
                answer (for batches, the batchItemFailures) shows here and each attempt on the Eventloom Core
                Invocations page.</p>`;
        }
        return html`${r.error ? html`<p class="failed">${r.error}</p>` : html`<p>Answer (HTTP ${r.status}):</p>
                <pre id="answer">${r.answer}</pre>`}
            ${r.event ? html`<p>Event sent:</p><pre id="event">${JSON.stringify(JSON.parse(r.event), null, 2)}</pre>` : ''}`;
    }

    _pickSource(e) {
        const identifier = e.target.value;
        if (!identifier) return;
        this._kind = kindOf(identifier);
        this.updateComplete.then(() => {
            const arn = this.renderRoot.querySelector('#arn');
            if (arn) arn.value = this._kind === 's3' ? identifier.replace('arn:aws:s3:::', '') : identifier;
        });
    }

    _value(id) {
        const field = this.renderRoot.querySelector('#' + id);
        return field ? field.value.trim() : '';
    }

    _send(e) {
        e.preventDefault();
        this.jsonRpc.send({
            kind: this._kind, arn: this._value('arn'), type: this._value('type'), method: this._value('method'),
            path: this._value('path'), records: this.renderRoot.querySelector('#records').value
        }).then(response => this._result = response.result);
    }
}
customElements.define('qwc-eventloom-lambda-send', QwcEventloomLambdaSend);
