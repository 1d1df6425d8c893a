// Readable forms of the manifest's triggers, replies and deployment wiring, shared by the Eventloom pages.

/** One filter as text: type = x, type starts with x, cesql ..., all/any/not of others. */
export function describeFilter(filter) {
    const pairs = (op, object) => Object.entries(object).map(([attribute, value]) => `${attribute} ${op} ${value}`);
    if (filter.exact) return pairs('=', filter.exact).join(' and ');
    if (filter.prefix) return pairs('starts with', filter.prefix).join(' and ');
    if (filter.suffix) return pairs('ends with', filter.suffix).join(' and ');
    if (filter.cesql) return `CESQL ${filter.cesql}`;
    if (filter.all) return filter.all.map(describeFilter).join(' and ');
    if (filter.any) return '(' + filter.any.map(describeFilter).join(' or ') + ')';
    if (filter.not) return `not (${describeFilter(filter.not)})`;
    return JSON.stringify(filter);
}

/** A trigger as text: its filters, and the logical source it listens to. */
export function describeTrigger(trigger) {
    const filters = (trigger.filters || []).map(describeFilter).join(' and ') || 'every event';
    return trigger.source ? `${filters}, from source ${trigger.source}` : filters;
}

/** Whether an event of this type passes the trigger's type filters (other attributes are not known here). */
export function acceptsType(trigger, type) {
    const check = (filter) => {
        if (filter.exact && filter.exact.type !== undefined) return filter.exact.type === type;
        if (filter.prefix && filter.prefix.type !== undefined) return type.startsWith(filter.prefix.type);
        if (filter.suffix && filter.suffix.type !== undefined) return type.endsWith(filter.suffix.type);
        if (filter.all) return filter.all.every(check);
        if (filter.any) return filter.any.some(check);
        return true;
    };
    const filters = trigger.filters || [];
    return filters.length > 0 && filters.every(check) && filters.some(hasType);
}

function hasType(filter) {
    return (filter.exact && filter.exact.type !== undefined) || (filter.prefix && filter.prefix.type !== undefined)
        || (filter.suffix && filter.suffix.type !== undefined) || (filter.all && filter.all.some(hasType))
        || (filter.any && filter.any.every(hasType));
}

/** Whether the function answers with a reply event. */
export function replies(fn) {
    return fn.output && fn.output.shape !== 'void';
}

/** Delivery settings as text. */
export function describeDelivery(fn) {
    const d = fn.delivery || {};
    const parts = [];
    if (d.timeout) parts.push(`timeout ${d.timeout}`);
    if (d.retries !== undefined) parts.push(`${d.retries} retries`);
    if (d.backoff) parts.push(`${d.backoff.policy} backoff${d.backoff.delay ? ' from ' + d.backoff.delay : ''}`);
    if (d.deadLetter) parts.push(`dead letter ${d.deadLetter}`);
    if (d.maxConcurrency) parts.push(`at most ${d.maxConcurrency} at once`);
    if (d.idempotent) parts.push(`idempotent${d.idempotencyTtl ? ' for ' + d.idempotencyTtl : ''}`);
    if (d.ordered) parts.push('ordered by partition key');
    return parts.join(', ') || 'defaults';
}

/** What the build generates for the function on Knative and AWS Lambda. */
export function describeWiring(manifest, fn) {
    const app = manifest.application.name;
    const lines = [`HTTP: POST /${fn.name}`];
    if ((fn.triggers || []).length > 0) {
        lines.push(`Knative: Trigger ${app}-${fn.name} on the Broker → /${fn.name}`);
        const sources = [...new Set(fn.triggers.filter(t => t.source).map(t => t.source))];
        lines.push(sources.length > 0
            ? `Lambda: wired to ${sources.join(', ')} (the Terraform module's sources)`
            : 'Lambda: any event that reaches the function');
    }
    return lines;
}
