// Dashboards as code for the Vbrick Rev webcast exporter, built with the Grafana Foundation SDK.
// `node generate.mjs` writes the import-ready JSON beside this file, and the Kubernetes PrometheusRule
// and dashboards ConfigMap; `node generate.mjs --check` fails when a committed file is not what this
// source generates.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as barchart from '@grafana/grafana-foundation-sdk/barchart';

const here = dirname(fileURLToPath(import.meta.url));
const argument = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };

// The mixin's one config: job selector, runbook address, thresholds, tags. `--config` takes another
// (a deployment's own), `--out` writes that deployment's files elsewhere; the committed files are
// always what mixin.json gives.
const config = JSON.parse(readFileSync(argument('--config') ?? join(here, '..', 'mixin.json'), 'utf8'));
const t = config.thresholds;
const out = argument('--out');
const datasource = { type: 'prometheus', uid: '${datasource}' };
const event = 'job=~"$job", event_id=~"$event"';
const zoned = `${event}, zone=~"$zone"`;

function query(expr, legend, format, refId) {
  const q = new prometheus.DataqueryBuilder().refId(refId).expr(expr).legendFormat(legend ?? '__auto').datasource(datasource);
  return format ? q.format(format) : q;
}

function panel(builder, { title, description, unit, queries, w = 12, h = 8, thresholds, mappings }) {
  builder.title(title).description(description).unit(unit).datasource(datasource).span(w).height(h);
  if (thresholds) {
    // Steps that mean something for the figure shown: Grafana's default turns any value over 80 red.
    builder.thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute)
      .steps(thresholds.map(([value, color]) => ({ value, color }))));
  }

  if (mappings) {
    builder.mappings([{ type: dashboard.MappingType.ValueToText, options: mappings }]);
  }

  queries.forEach(([expr, legend, format], i) => builder.withTarget(query(expr, legend, format, String.fromCharCode(65 + i))));
  return builder;
}

const graph = (options) => panel(new timeseries.PanelBuilder(), options);
const single = (options) => panel(new stat.PanelBuilder(), { w: 6, h: 4, thresholds: [[null, 'blue']], ...options });

// Demo data must never be mistaken for a tenant's: every dashboard says which it shows.
const dataSource = () => single({ title: 'Data', unit: 'none', w: 24, h: 3,
  description: 'Whether these numbers come from a real Rev tenant or from the exporter\'s embedded simulator (demo mode, vbrick_exporter_demo = 1), where every figure is made up.',
  queries: [['max(vbrick_exporter_demo{job=~"$job"})', 'data']],
  thresholds: [[null, 'green'], [1, 'orange']],
  mappings: { 0: { text: 'Rev tenant', index: 0 }, 1: { text: 'DEMO: simulated Rev, made-up numbers', index: 1 } } });

// Seconds since a timestamp: green while fresh, orange past the exporter's freshness goal, red past twice it.
const ageThresholds = (goal) => [[null, 'green'], [goal, 'orange'], [2 * goal, 'red']];
const bars = (options) => panel(new barchart.PanelBuilder(), options);

function variables(builder, { zone }) {
  builder
    .withVariable(new dashboard.DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'))
    .withVariable(new dashboard.QueryVariableBuilder('job').label('Job').datasource(datasource)
      .query('label_values(vbrick_exporter_build_info, job)').refresh(dashboard.VariableRefresh.OnTimeRangeChanged).includeAll(true).allValue('.+'))
    // The event's title is its label: Grafana takes `value` and `text` from the named groups.
    .withVariable(new dashboard.QueryVariableBuilder('event').label('Event').datasource(datasource)
      .query('query_result(vbrick_webcast_event_info{job=~"$job"})')
      .regex('/event_id="(?<value>[^"]+)".*title="(?<text>[^"]+)"/')
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged).multi(true).includeAll(true).allValue('.+'));
  if (zone) {
    builder.withVariable(new dashboard.QueryVariableBuilder('zone').label('Zone').datasource(datasource)
      .query('label_values({__name__=~"vbrick_webcast_zone_attendees|vbrick_webcast_zone_quality_sample_sessions", job=~"$job", event_id=~"$event"}, zone)')
      .refresh(dashboard.VariableRefresh.OnTimeRangeChanged).multi(zone === 'multi').includeAll(zone === 'multi').allValue('.+'));
  }

  return builder;
}

// Events going live and ending, drawn on every time axis. The stage series of an event appears when
// it enters that stage (the previous stage's series is removed), so "present now, absent a minute
// ago" marks the moment.
const lifecycle = (name, stage, color) => {
  const series = `vbrick_webcast_lifecycle_stage{job=~"$job", event_id=~"$event", stage="${stage}"}`;
  return new dashboard.AnnotationQueryBuilder().name(name).datasource(datasource).enable(true).iconColor(color)
    .expr(`${series} == 1 unless ${series} offset 1m`);
};

function base(uid, title, description, zone, range = 'now-3h') {
  const builder = new dashboard.DashboardBuilder(title).uid(uid).description(description)
    .tags(config.dashboardTags).refresh('30s').time({ from: range, to: 'now' }).timezone('browser')
    // One menu to the other three, keeping the chosen job, event and time range.
    .link(new dashboard.DashboardLinkBuilder('Vbrick dashboards').type(dashboard.DashboardLinkType.Dashboards)
      .tags(config.dashboardTags).asDropdown(true).includeVars(true).keepTime(true))
    .annotation(lifecycle('Event live', 'live', 'green'))
    .annotation(lifecycle('Event ended', 'ended', 'red'))
    .withPanel(dataSource());
  return variables(builder, { zone });
}

const percentile = (metric, q, by = '') =>
  `histogram_quantile(${q}, sum by (le${by}) (rate(${metric}_bucket{${zoned}}[$__rate_interval])))`;

function liveOverview() {
  return base('vbrick-live-overview', 'Vbrick webcast: live overview',
    'Who is watching each live webcast, how well, and how fresh the numbers are.', 'multi')
    .withPanel(single({ title: 'Viewers now', unit: 'short', description: 'Online viewers the exporter counted itself: the sum of every zone\'s exact head count (from a sweep, or zone by zone from the census; "Oldest zone count" says how old the oldest is). Rev\'s own attendee count may cover every session of the event, so it is not used here.',
      queries: [[`sum(vbrick_webcast_zone_attendees{${event}})`, 'viewers']] }))
    .withPanel(single({ title: 'Rebuffering attendees', unit: 'percentunit', thresholds: [[null, 'green'], [t.rebufferingAttendeesWarning, 'orange'], [t.rebufferingAttendeesCritical, 'red']], description: `Share of attendees who experienced rebuffering, as Rev reports it event-wide (orange from ${100 * t.rebufferingAttendeesWarning}%, red from ${100 * t.rebufferingAttendeesCritical}%).`,
      queries: [[`avg(vbrick_webcast_rebuffering_ratio{${event}})`, 'rebuffering']] }))
    .withPanel(single({ title: 'Oldest zone count', unit: 's', thresholds: ageThresholds(t.zoneCountAgeGoalSeconds), description: `How old the oldest per-zone head count is, at every audience size (orange past ${t.zoneCountAgeGoalSeconds / 60} minutes).`,
      queries: [[`max(time() - vbrick_webcast_zone_attendees_timestamp_seconds{${event}})`, 'age']] }))
    .withPanel(single({ title: 'Breakdown age', unit: 's', thresholds: ageThresholds(t.breakdownAgeGoalSeconds), description: 'How old the full breakdown (zone x stream type x browser, bitrate histograms) is: time since the last complete sweep over all attendee pages. A large webcast gets none; its head counts come from census pages.',
      queries: [[`max(time() - vbrick_webcast_sweep_timestamp_seconds{${event}})`, 'age']] }))
    .withPanel(single({ title: 'Figures age', unit: 's', thresholds: ageThresholds(t.figuresAgeGoalSeconds), description: 'How old the event-wide figures (attendees now, Rev\'s rebuffering share) are. The exporter keeps this under Polling:MaxFiguresAge (5 minutes by default).',
      queries: [[`max(time() - vbrick_webcast_figures_timestamp_seconds{${event}})`, 'age']] }))
    .withPanel(single({ title: 'Sampled events', unit: 'short', description: 'Live events too large to sweep fully every few minutes: their zone quality comes from samples re-read every 2 minutes, their breakdown from sweeps where they fit.',
      queries: [[`count(vbrick_webcast_realtime_mode{${event}, mode="sampled"}) or vector(0)`, 'sampled']] }))
    .withPanel(graph({ title: 'Sessions rebuffering by zone', unit: 'percentunit', description: 'Among each zone\'s online sessions read twice in the last 5 minutes, the share whose buffering count rose: the signal the rebuffering alert uses. Fresh within minutes even for a 100,000-viewer webcast.',
      queries: [[`max by (zone) (vbrick_webcast_zone_rebuffering_ratio{${zoned}})`, '{{zone}}']] }))
    .withPanel(graph({ title: 'Sessions behind each zone\'s ratio', unit: 'short', description: 'How many sessions each zone\'s rebuffering ratio is over: every online session for a small event, a sample for a large one (the alert needs at least 20).',
      queries: [[`sum by (zone) (vbrick_webcast_zone_quality_sample_sessions{${zoned}})`, '{{zone}}']] }))
    .withPanel(single({ title: 'Sweep coverage', unit: 'percentunit', thresholds: [[null, 'red'], [t.sweepCoverageCritical, 'orange'], [t.sweepCoverageWarning, 'green']], description: `Share of Rev's session total that the last complete sweep saw (red under ${100 * t.sweepCoverageCritical}%).`,
      queries: [[`min(vbrick_webcast_sweep_coverage_ratio{${event}})`, 'coverage']] }))
    .withPanel(graph({ title: 'Viewers by zone', unit: 'short', description: 'Online sessions per zone, exact at every audience size: from the last complete sweep, or for a large webcast from the zone\'s census page (one Rev request per zone). A zone with no exact count yet is absent, never guessed.',
      queries: [[`sum by (zone) (vbrick_webcast_zone_attendees{${zoned}})`, '{{zone}}']] }))
    .withPanel(graph({ title: 'Zone count age', unit: 's', description: `How old each zone's head count is. At 2 Rev requests a minute, 20 zones take at least 10 minutes to re-count; the goal is ${t.zoneCountAgeGoalSeconds / 60} minutes and VbrickWebcastZoneCountsStale fires past ${t.zoneCountStaleSeconds / 60}.`,
      queries: [[`max by (zone) (time() - vbrick_webcast_zone_attendees_timestamp_seconds{${zoned}})`, '{{zone}}']] }))
    .withPanel(graph({ title: 'Viewers by stream type', unit: 'short', description: 'Online sessions per Rev StreamType (HLS, multicast, WebRTC...), exact at every size (sweep or census page); re-counted hourly for a large webcast.',
      queries: [[`sum by (stream_type) (vbrick_webcast_stream_type_attendees{${event}})`, '{{stream_type}}']] }))
    .withPanel(graph({ title: 'Viewers by browser', unit: 'short', description: 'Online sessions per browser, exact at every size (sweep or census page); re-counted hourly for a large webcast.',
      queries: [[`sum by (browser) (vbrick_webcast_browser_attendees{${event}})`, '{{browser}}']] }))
    .withPanel(graph({ title: 'Bitrate percentiles', unit: 'Bps', description: 'Video bitrate of online attendees (bytes per second). Observed once per complete sweep, so gaps appear while a large event\'s sweep is still running.',
      queries: [[percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.1), 'p10'], [percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.5), 'p50'], [percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.9), 'p90']] }))
    .withPanel(graph({ title: 'Bandwidth percentiles', unit: 'Bps', description: 'Measured network bandwidth of online attendees (bytes per second), observed once per complete sweep.',
      queries: [[percentile('vbrick_webcast_attendee_bandwidth_bytes_per_second', 0.1), 'p10'], [percentile('vbrick_webcast_attendee_bandwidth_bytes_per_second', 0.5), 'p50']] }))
    .withPanel(graph({ title: 'Buffering per minute by zone', unit: 'short', description: 'Buffering events and seconds of buffering per minute, summed over a zone\'s viewers.',
      queries: [
        [`60 * sum by (zone) (rate(vbrick_webcast_buffering_events_total{${zoned}}[$__rate_interval]))`, 'events {{zone}}'],
        [`60 * sum by (zone) (rate(vbrick_webcast_buffering_seconds_total{${zoned}}[$__rate_interval]))`, 'seconds {{zone}}']] }))
    .withPanel(graph({ title: 'Buffering per viewer and minute by zone', unit: 'short', description: 'Buffering events and seconds per online viewer and minute: compares zones of different sizes.',
      queries: [
        [`60 * sum by (zone) (rate(vbrick_webcast_buffering_events_total{${zoned}}[$__rate_interval])) / on (zone) sum by (zone) (vbrick_webcast_zone_attendees{${zoned}})`, 'events {{zone}}'],
        [`60 * sum by (zone) (rate(vbrick_webcast_buffering_seconds_total{${zoned}}[$__rate_interval])) / on (zone) sum by (zone) (vbrick_webcast_zone_attendees{${zoned}})`, 'seconds {{zone}}']] }))
    .withPanel(graph({ title: 'Errors and multicast failovers per minute', unit: 'short', description: 'Playback errors and multicast failovers per minute across the selected zones.',
      queries: [[`60 * sum(rate(vbrick_webcast_playback_errors_total{${zoned}}[$__rate_interval]))`, 'playback errors'], [`60 * sum(rate(vbrick_webcast_multicast_failovers_total{${zoned}}[$__rate_interval]))`, 'multicast failovers']] }))
    .withPanel(panel(new heatmap.PanelBuilder(), { title: 'Bitrate heatmap', unit: 'Bps', w: 24, description: 'How many online attendees watched at each bitrate (bytes per second) over time.',
      queries: [[`sum by (le) (increase(vbrick_webcast_attendee_bitrate_bytes_per_second_bucket{${zoned}}[$__rate_interval]))`, '{{le}}', prometheus.PromQueryFormat.Heatmap]] }));
}

function zoneDrilldown() {
  return base('vbrick-zone-drilldown', 'Vbrick webcast: zone drill-down',
    'One zone of one webcast: its viewers, their quality, and how it compares with the other zones.', 'single')
    .withPanel(single({ title: 'Viewers in the zone', unit: 'short', description: 'Online sessions in the zone, exact at every audience size (the last complete sweep or the zone\'s census page).',
      queries: [[`sum(vbrick_webcast_zone_attendees{${zoned}})`, 'viewers']] }))
    .withPanel(single({ title: 'Zone count age', unit: 's', thresholds: ageThresholds(t.zoneCountAgeGoalSeconds), description: 'How old the zone\'s head count is.',
      queries: [[`max(time() - vbrick_webcast_zone_attendees_timestamp_seconds{${zoned}})`, 'age']] }))
    .withPanel(single({ title: 'Sessions rebuffering now', unit: 'percentunit', thresholds: [[null, 'green'], [t.zoneRebufferingRatio / 2, 'orange'], [t.zoneRebufferingRatio, 'red']], description: 'Share of the zone\'s sessions read twice in the last 5 minutes whose buffering count rose: the alert\'s signal, beside the head count.',
      queries: [[`max(vbrick_webcast_zone_rebuffering_ratio{${zoned}})`, 'ratio']] }))
    .withPanel(single({ title: 'Sessions behind the ratio', unit: 'short', description: 'How many of the zone\'s sessions the ratio is over (the alert needs at least 20).',
      queries: [[`sum(vbrick_webcast_zone_quality_sample_sessions{${zoned}})`, 'sessions']] }))
    .withPanel(graph({ title: 'Viewers in the zone by stream type and browser', unit: 'short', description: 'Online sessions in the selected zone, from the last complete sweep (small webcasts; a large one has head counts by zone, stream type and browser, not their combinations).',
      queries: [[`sum by (stream_type, browser) (vbrick_webcast_attendees{${zoned}, status="online"})`, '{{stream_type}} / {{browser}}']] }))
    .withPanel(graph({ title: 'Sessions rebuffering: zone against the rest', unit: 'percentunit', description: 'Share of sessions read twice in the last 5 minutes whose buffering count rose, in this zone and (weighted by sample size) in all others.',
      queries: [
        [`max(vbrick_webcast_zone_rebuffering_ratio{${zoned}})`, 'this zone'],
        [`sum(vbrick_webcast_zone_rebuffering_ratio{${event}, zone!~"$zone"} * on (event_id, zone) vbrick_webcast_zone_quality_sample_sessions) / sum(vbrick_webcast_zone_quality_sample_sessions{${event}, zone!~"$zone"})`, 'other zones']] }))
    .withPanel(graph({ title: 'Buffering share: zone against the rest', unit: 'percentunit', description: 'Share of watching time spent buffering, in this zone and in all other zones of the event.',
      queries: [
        [`sum(rate(vbrick_webcast_buffering_seconds_total{${zoned}}[$__rate_interval])) / sum(vbrick_webcast_zone_attendees{${zoned}})`, 'this zone'],
        [`sum(rate(vbrick_webcast_buffering_seconds_total{${event}, zone!~"$zone"}[$__rate_interval])) / sum(vbrick_webcast_zone_attendees{${event}, zone!~"$zone"})`, 'other zones']] }))
    .withPanel(graph({ title: 'Bitrate percentiles by stream type', unit: 'Bps', description: 'Median and 10th percentile bitrate in the zone, per stream type, observed once per complete sweep.',
      queries: [[percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.5, ', stream_type'), 'p50 {{stream_type}}'], [percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.1, ', stream_type'), 'p10 {{stream_type}}']] }))
    .withPanel(graph({ title: 'Errors and failovers per viewer and minute', unit: 'short', description: 'Playback errors and multicast failovers per online viewer and minute in the zone.',
      queries: [
        [`60 * sum(rate(vbrick_webcast_playback_errors_total{${zoned}}[$__rate_interval])) / sum(vbrick_webcast_zone_attendees{${zoned}})`, 'playback errors'],
        [`60 * sum(rate(vbrick_webcast_multicast_failovers_total{${zoned}}[$__rate_interval])) / sum(vbrick_webcast_zone_attendees{${zoned}})`, 'multicast failovers']] }));
}

// Post-event counters hold Rev's final figures, set once when the summary arrives: they are read with
// max_over_time over the dashboard's range, the one place a counter is not inside rate() or increase().
const summary = (metric, by = '') => `sum${by ? ` by (${by})` : ''} (max_over_time(${metric}{${event}, run="main"}[$__range]))`;

function postEventSummary() {
  return base('vbrick-post-event-summary', 'Vbrick webcast: post-event summary',
    'What Rev reported after the webcast: sessions, viewers, viewing time, rebuffering, polls and comments.', null,
    // Summaries stay for PostEvent:Retention (24 h by default): open on the last 2 days, so
    // yesterday's town hall is in view.
    'now-2d')
    .withPanel(single({ title: 'Sessions', unit: 'short', description: 'Sessions in the attendee report (main run).', queries: [[summary('vbrick_webcast_post_event_sessions_total'), 'sessions']] }))
    .withPanel(single({ title: 'Viewers', unit: 'short', description: 'Distinct viewers in the attendee report, summed over zones (a viewer who watched from two zones counts in both).', queries: [[summary('vbrick_webcast_post_event_viewers_total'), 'viewers']] }))
    .withPanel(single({ title: 'Viewing time', unit: 's', description: 'Total viewing time of all sessions.', queries: [[summary('vbrick_webcast_post_event_viewing_seconds_total'), 'viewing']] }))
    .withPanel(single({ title: 'Comments', unit: 'short', description: 'Comments posted during the event, hidden ones included.', queries: [[`sum(max_over_time(vbrick_webcast_comments_total{${event}}[$__range]))`, 'comments']] }))
    .withPanel(bars({ title: 'Sessions by zone', unit: 'short', description: 'Sessions per zone in the attendee report.', queries: [[summary('vbrick_webcast_post_event_sessions_total', 'zone'), '{{zone}}', prometheus.PromQueryFormat.Table]] }))
    .withPanel(bars({ title: 'Rebuffering time per session by zone', unit: 's', description: 'Average rebuffering time per session, per zone. Absent when Rev only had the deprecated report, which has no buffering figures.',
      queries: [[`${summary('vbrick_webcast_post_event_rebuffer_seconds_total', 'zone')} / on (zone) ${summary('vbrick_webcast_post_event_sessions_total', 'zone')}`, '{{zone}}', prometheus.PromQueryFormat.Table]] }))
    .withPanel(bars({ title: 'How long people stayed', unit: 'short', description: 'Sessions by viewing time (upper bound of each bucket, seconds).',
      queries: [[`sum by (le) (max_over_time(vbrick_webcast_post_event_viewing_duration_seconds_bucket{${event}, run="main"}[$__range]))`, '{{le}}', prometheus.PromQueryFormat.Table]] }))
    .withPanel(bars({ title: 'Poll results', unit: 'short', description: 'Votes per answer of each poll question.', w: 24,
      queries: [[`sum by (question, answer) (max_over_time(vbrick_webcast_poll_votes_total{${event}}[$__range]))`, '{{question}}: {{answer}}', prometheus.PromQueryFormat.Table]] }));
}

function exporterHealth() {
  return base('vbrick-exporter-health', 'Vbrick webcast: exporter health',
    'Is the exporter polling Rev well: success, duration, errors by code, retries, budget and authentication.', null)
    .withPanel(graph({ title: 'Poll success by event', unit: 'short', description: '1 when the event\'s latest Rev request succeeded, else 0.', queries: [[`vbrick_webcast_up{${event}}`, '{{event_id}}']] }))
    .withPanel(graph({ title: 'Rev request duration (p50, p95)', unit: 's', description: 'Duration of HTTP attempts to Rev by endpoint.',
      queries: [['histogram_quantile(0.5, sum by (le, endpoint) (rate(vbrick_exporter_rev_request_duration_seconds_bucket{job=~"$job"}[$__rate_interval])))', 'p50 {{endpoint}}'], ['histogram_quantile(0.95, sum by (le, endpoint) (rate(vbrick_exporter_rev_request_duration_seconds_bucket{job=~"$job"}[$__rate_interval])))', 'p95 {{endpoint}}']] }))
    .withPanel(graph({ title: 'Rev requests by status code', unit: 'reqps', description: 'Requests per second to Rev, by endpoint and HTTP status code (or timeout, network).',
      queries: [['sum by (endpoint, code) (rate(vbrick_exporter_rev_requests_total{job=~"$job"}[$__rate_interval]))', '{{endpoint}} {{code}}']] }))
    .withPanel(graph({ title: 'Retries and rate limiting', unit: 'short', description: 'Retries by the resilience pipeline and 429 answers from Rev, per minute.',
      queries: [['60 * sum by (endpoint) (rate(vbrick_exporter_rev_retries_total{job=~"$job"}[$__rate_interval]))', 'retries {{endpoint}}'], ['60 * sum by (family) (rate(vbrick_exporter_rev_rate_limited_total{job=~"$job"}[$__rate_interval]))', '429 {{family}}']] }))
    .withPanel(graph({ title: 'Budget: allowed against used', unit: 'short', description: 'Requests per minute the budget allows itself (lowered after a 429) and requests it granted.',
      queries: [['sum by (family) (vbrick_exporter_budget_effective_per_minute{job=~"$job"})', 'allowed {{family}}'], ['60 * sum by (family) (rate(vbrick_exporter_budget_requests_total{job=~"$job"}[$__rate_interval]))', 'used {{family}}']] }))
    .withPanel(graph({ title: 'Authentication', unit: 'short', description: 'Rev sign-ins and session extensions, and authentication failures, per hour.',
      queries: [['3600 * sum by (kind) (rate(vbrick_exporter_auth_renewals_total{job=~"$job"}[$__rate_interval]))', 'renewed {{kind}}'], ['3600 * sum by (kind) (rate(vbrick_exporter_auth_failures_total{job=~"$job"}[$__rate_interval]))', 'failed {{kind}}']] }));
}

const dashboards = {
  'live-overview.json': liveOverview(),
  'zone-drilldown.json': zoneDrilldown(),
  'post-event-summary.json': postEventSummary(),
  'exporter-health.json': exporterHealth(),
};

const dashboardsDir = out ? join(out, 'dashboards') : here;
const rulesPath = out ? join(out, 'vbrick-webcast.rules.yml') : join(here, '..', 'alerts', 'vbrick-webcast.rules.yml');
const kubernetes = out ? join(out, 'kubernetes') : join(here, '..', 'deploy', 'kubernetes');
const outputs = Object.fromEntries(Object.entries(dashboards).map(([file, builder]) => [join(dashboardsDir, file), JSON.stringify(builder.build(), null, 2) + '\n']));

// The rules: the template with the config's values in its %(name)s places; a name the config lacks
// is an error, not an empty string in a PromQL expression.
const values = { ...config, ...config.thresholds };
const rules = readFileSync(join(here, '..', 'alerts', 'vbrick-webcast.rules.template.yml'), 'utf8')
  .replace(/%\((\w+)\)s/g, (_, name) => {
    if (!(name in values)) throw new Error(`alerts/vbrick-webcast.rules.template.yml uses %(${name})s, which the config does not set`);
    return String(values[name]);
  })
  .replace(/^# Template of [\s\S]*?\n(?=[^#])/, '# Generated by `npm --prefix dashboards run generate` from alerts/vbrick-webcast.rules.template.yml\n# and mixin.json: edit those, not this file.\n');
outputs[rulesPath] = rules;

// Kubernetes gets the same rules and dashboards, never a hand-kept copy: a PrometheusRule whose spec
// is the rules file, and a ConfigMap Grafana's dashboard sidecar loads.
const indent = (text, spaces) => text.split('\n').map((line) => (line.length > 0 ? ' '.repeat(spaces) + line : line)).join('\n');
const generatedNote = '# Generated by `npm --prefix dashboards run generate` from the file(s) named below: do not edit.\n';
outputs[join(kubernetes, 'prometheusrule.yaml')] = generatedNote + '# Source: alerts/vbrick-webcast.rules.yml\n'
  + 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: vbrick-exporter\n'
  + '  labels: { app.kubernetes.io/name: vbrick-exporter }\nspec:\n'
  + indent(rules.split('\n').filter((line) => !line.startsWith('#')).join('\n').replace(/^\n+/, ''), 2);
outputs[join(kubernetes, 'grafana-dashboards.yaml')] = generatedNote + '# Source: dashboards/*.json\n'
  + 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vbrick-exporter-dashboards\n'
  + '  labels: { app.kubernetes.io/name: vbrick-exporter, grafana_dashboard: "1" }\ndata:\n'
  + Object.keys(dashboards).map((file) => `  ${file}: |\n${indent(outputs[join(dashboardsDir, file)].trimEnd(), 4)}\n`).join('');

let stale = [];
for (const [path, text] of Object.entries(outputs)) {
  if (process.argv.includes('--check')) {
    let committed = '';
    try { committed = readFileSync(path, 'utf8'); } catch { /* missing counts as stale */ }
    if (committed !== text) stale.push(path);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

if (stale.length > 0) {
  console.error(`Out of date with generate.mjs: ${stale.join(', ')}. Run: npm --prefix dashboards run generate`);
  process.exit(1);
}
