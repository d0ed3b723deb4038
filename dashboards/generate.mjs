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
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as common from '@grafana/grafana-foundation-sdk/common';

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

// A query is [expr, legend, format, instant]: bar gauges, tables and stats of a final figure ask
// Prometheus for one instant, not a range they then reduce.
function query(expr, legend, format, refId, instant) {
  const q = new prometheus.DataqueryBuilder().refId(refId).expr(expr).legendFormat(legend ?? '__auto').datasource(datasource);
  if (instant) q.instant();
  return format ? q.format(format) : q;
}

// Where a zone's row in a panel leads: the drill-down with the job, the event and the zone filled in.
const drilldownLink = () => new dashboard.DashboardLinkBuilder('Zone drill-down: ${__field.labels.zone}')
  .url('/d/vbrick-zone-drilldown/?var-job=${job}&var-event=${__field.labels.event_id}&var-zone=${__field.labels.zone:percentencode}&${__url_time_range}');

function panel(builder, { title, description, unit, queries, w = 12, h = 8, thresholds, mappings, links, min, max }) {
  builder.title(title).description(description).unit(unit).datasource(datasource).span(w).height(h);
  if (min !== undefined) builder.min(min);
  if (max !== undefined) builder.max(max);
  if (links) builder.dataLinks(links);
  if (thresholds) {
    // Steps that mean something for the figure shown: Grafana's default turns any value over 80 red.
    builder.thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute)
      .steps(thresholds.map(([value, color]) => ({ value, color }))));
  }

  if (mappings) {
    builder.mappings([{ type: dashboard.MappingType.ValueToText, options: mappings }]);
  }

  queries.forEach(([expr, legend, format, instant], i) => builder.withTarget(query(expr, legend, format, String.fromCharCode(65 + i), instant)));
  return builder;
}

// Legends carry the figures a reader compares (last and highest in range), as a table.
const legend = () => new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.Table)
  .placement(common.LegendPlacement.Bottom).calcs(['lastNotNull', 'max']);
const graph = (options) => panel(new timeseries.PanelBuilder().legend(legend()), options);
// Instant, sorted, one bar per series: "how many per office" at a glance.
const ranking = (options) => panel(new bargauge.PanelBuilder().orientation(common.VizOrientation.Horizontal)
  .displayMode(common.BarGaugeDisplayMode.Basic).showUnfilled(true)
  .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false)), options);
const row = (title) => new dashboard.RowBuilder(title);
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
    // One time cursor across every panel: a spike in one graph lines up with the others.
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    // One menu to the other three, keeping the chosen job, event and time range.
    .link(new dashboard.DashboardLinkBuilder('Vbrick dashboards').type(dashboard.DashboardLinkType.Dashboards)
      .tags(config.dashboardTags).asDropdown(true).includeVars(true).keepTime(true))
    .annotation(lifecycle('Event live', 'live', 'green'))
    .annotation(lifecycle('Event ended', 'ended', 'red'))
    .withPanel(dataSource());
  return variables(builder, { zone });
}

// Histograms and counters fed by complete sweeps change once a sweep (minutes apart at Rev's 2
// requests a minute), so they are read over a window that holds several sweeps, not
// $__rate_interval, which would hold at most one change and read 0 or nothing between sweeps.
const sweepWindow = '15m';
const percentile = (metric, q, by = '') =>
  `histogram_quantile(${q}, sum by (le${by}) (rate(${metric}_bucket{${zoned}}[${sweepWindow}])))`;

// Only events live now: an ended event's last figures stay on /metrics for PostEvent:Retention,
// and their ages would otherwise read as stale all day.
const liveOnly = (expr) => `(${expr}) and on (event_id) (vbrick_webcast_lifecycle_stage{${event}, stage="live"} == 1)`;

// Sessions rebuffering now across zones, each zone weighted by the sessions its ratio is over.
const rebufferingNow = (selector) =>
  `sum(vbrick_webcast_zone_rebuffering_ratio{${selector}} * vbrick_webcast_zone_quality_sample_sessions{${selector}}) / sum(vbrick_webcast_zone_quality_sample_sessions{${selector}})`;

function liveOverview() {
  return base('vbrick-live-overview', 'Vbrick webcast: live overview',
    'Who is watching each live webcast, how well, and how fresh the numbers are.', 'multi')
    .withRow(row('Now'))
    .withPanel(single({ title: 'Viewers now', unit: 'short', description: 'Online viewers the exporter counted itself: the sum of every zone\'s exact head count (from a sweep, or zone by zone from the census; "Oldest zone count" says how old the oldest is). Rev\'s own attendee count may cover every session of the event, so it is not used here.',
      queries: [[`sum(vbrick_webcast_zone_attendees{${zoned}})`, 'viewers']] }))
    .withPanel(single({ title: 'Sessions rebuffering now', unit: 'percentunit', thresholds: [[null, 'green'], [t.zoneRebufferingRatio / 2, 'orange'], [t.zoneRebufferingRatio, 'red']], description: `Among sessions read twice in the last few minutes (every zone, weighted by how many each zone's figure is over), the share whose buffering count rose: rebuffering now, at every audience size (orange from ${50 * t.zoneRebufferingRatio}%, red from ${100 * t.zoneRebufferingRatio}%, the zone alert's threshold).`,
      queries: [[rebufferingNow(zoned), 'rebuffering now']] }))
    .withPanel(single({ title: 'Oldest zone count', unit: 's', thresholds: ageThresholds(t.zoneCountAgeGoalSeconds), description: `How old the oldest per-zone head count of a live event is, at every audience size (orange past ${t.zoneCountAgeGoalSeconds / 60} minutes).`,
      queries: [[`max(${liveOnly(`time() - vbrick_webcast_zone_attendees_timestamp_seconds{${zoned}}`)})`, 'age']] }))
    .withPanel(single({ title: 'Figures age', unit: 's', thresholds: ageThresholds(t.figuresAgeGoalSeconds), description: 'How old the event-wide figures (Rev\'s role counts and cumulative shares) of live events are. The exporter keeps this under Polling:MaxFiguresAge (5 minutes by default).',
      queries: [[`max(${liveOnly(`time() - vbrick_webcast_figures_timestamp_seconds{${event}}`)})`, 'age']] }))
    .withPanel(ranking({ title: 'Viewers per office', unit: 'short', h: 10, description: 'Online sessions per zone now, most first, exact at every audience size (the last complete sweep, or the zone\'s census page). Click a zone for its drill-down.',
      links: [drilldownLink()],
      queries: [[`sort_desc(sum by (event_id, zone) (vbrick_webcast_zone_attendees{${zoned}}))`, '{{zone}}', null, true]] }))
    .withPanel(ranking({ title: 'Age of each office\'s count', unit: 's', h: 10, thresholds: ageThresholds(t.zoneCountAgeGoalSeconds), description: `How old each zone's head count is (orange past ${t.zoneCountAgeGoalSeconds / 60} minutes). At 2 Rev requests a minute 20 zones take at least 10 minutes to re-count; VbrickWebcastZoneCountsStale fires past ${t.zoneCountStaleSeconds / 60}.`,
      links: [drilldownLink()],
      queries: [[`sort_desc(max by (event_id, zone) (${liveOnly(`time() - vbrick_webcast_zone_attendees_timestamp_seconds{${zoned}}`)}))`, '{{zone}}', null, true]] }))
    .withRow(row('Quality by zone'))
    .withPanel(graph({ title: 'Sessions rebuffering by zone', unit: 'percentunit', description: 'Among each zone\'s online sessions read twice in the last 5 minutes, the share whose buffering count rose: the signal the rebuffering alert uses. Fresh within minutes even for a 100,000-viewer webcast. Click a series for the zone\'s drill-down.',
      links: [drilldownLink()],
      queries: [[`max by (event_id, zone) (vbrick_webcast_zone_rebuffering_ratio{${zoned}})`, '{{zone}}']] }))
    .withPanel(graph({ title: 'Sessions behind each zone\'s ratio', unit: 'short', description: `How many sessions each zone's rebuffering ratio is over: every online session for a small event, a sample for a large one (the alert needs at least ${t.zoneMinSessions}).`,
      links: [drilldownLink()],
      queries: [[`sum by (event_id, zone) (vbrick_webcast_zone_quality_sample_sessions{${zoned}})`, '{{zone}}']] }))
    .withPanel(graph({ title: 'Viewers by zone', unit: 'short', description: 'Online sessions per zone over time, exact at every audience size: from the last complete sweep, or for a large webcast from the zone\'s census page (one Rev request per zone). A zone with no exact count yet is absent, never guessed.',
      links: [drilldownLink()],
      queries: [[`sum by (event_id, zone) (vbrick_webcast_zone_attendees{${zoned}})`, '{{zone}}']] }))
    .withPanel(graph({ title: 'Rev\'s cumulative rebuffering share', unit: 'percentunit', description: 'Rev\'s own figure: the share of the event\'s attendees who have rebuffered at least once since it started, weighted by each event\'s audience. It only rises during an event, so it says how the event went so far, not what happens now (see "Sessions rebuffering now").',
      queries: [[`sum(vbrick_webcast_rebuffering_ratio{${event}} * on (event_id) group_left () sum by (event_id) (vbrick_webcast_audience{${event}, role="attendee"})) / sum(vbrick_webcast_audience{${event}, role="attendee"})`, 'since the start']] }))
    .withRow(row('Audience'))
    .withPanel(graph({ title: 'Viewers by stream type', unit: 'short', description: 'Online sessions per Rev StreamType (HLS, multicast, WebRTC...), exact at every size (sweep or census page); re-counted hourly for a large webcast.',
      queries: [[`sum by (stream_type) (vbrick_webcast_stream_type_attendees{${event}})`, '{{stream_type}}']] }))
    .withPanel(graph({ title: 'Viewers by browser', unit: 'short', description: 'Online sessions per browser, exact at every size (sweep or census page); re-counted hourly for a large webcast.',
      queries: [[`sum by (browser) (vbrick_webcast_browser_attendees{${event}})`, '{{browser}}']] }))
    .withRow(row('eCDN and delivery (from complete sweeps)'))
    .withPanel(graph({ title: 'Viewers by delivery', unit: 'short', description: 'Online sessions by how video reaches them: multicast, unicast (HLS, DASH: one stream per viewer, from an eCDN cache or the public CDN) or other (WebRTC, unmapped), from StreamType (docs/design.md, "Delivery"), exact from complete sweeps.',
      queries: [[`sum by (delivery) (vbrick_webcast_delivery_attendees{${zoned}})`, '{{delivery}}']] }))
    .withPanel(ranking({ title: 'Unicast share in multicast zones', unit: 'percentunit', min: 0, max: 1, thresholds: [[null, 'green'], [t.unicastInMulticastZoneRatio / 2, 'orange'], [t.unicastInMulticastZoneRatio, 'red']], description: `Share of each multicast-capable zone's viewers (Rev's zone list) watching by unicast, highest first: VbrickWebcastUnicastInMulticastZone fires past ${100 * t.unicastInMulticastZoneRatio}%. Click a zone for its drill-down.`,
      links: [drilldownLink()],
      queries: [[`sort_desc(sum by (event_id, zone) (vbrick_webcast_delivery_attendees{${zoned}, delivery="unicast"}) / sum by (event_id, zone) (vbrick_webcast_delivery_attendees{${zoned}}) and on (zone) (max by (zone) (vbrick_exporter_zone_supports_multicast{job=~"$job"}) == 1))`, '{{zone}}', null, true]] }))
    .withPanel(ranking({ title: 'Peer mesh viewers by zone', unit: 'short', description: 'Online sessions Rev marks as served by its peer mesh (RevConnect), per zone, highest first, exact from complete sweeps: viewers fed by a neighbour instead of the WAN link. Click a zone for its drill-down.',
      links: [drilldownLink()],
      queries: [[`sort_desc(sum by (event_id, zone) (vbrick_webcast_peer_mesh_attendees{${zoned}}))`, '{{zone}}', null, true]] }))
    .withRow(row('From complete sweeps (small webcasts)'))
    .withPanel(single({ title: 'Breakdown age', unit: 's', thresholds: ageThresholds(t.breakdownAgeGoalSeconds), description: 'How old the full breakdown (zone x stream type x browser, bitrate histograms, buffering counters) of live events is: time since the last complete sweep over all attendee pages. A large webcast gets none; its head counts come from census pages.',
      queries: [[`max(${liveOnly(`time() - vbrick_webcast_sweep_timestamp_seconds{${event}}`)})`, 'age']] }))
    .withPanel(single({ title: 'Sweep coverage', unit: 'percentunit', thresholds: [[null, 'red'], [t.sweepCoverageCritical, 'orange'], [t.sweepCoverageWarning, 'green']], description: `Share of Rev's session total that the last complete sweep of a live event saw (red under ${100 * t.sweepCoverageCritical}%).`,
      queries: [[`min(${liveOnly(`vbrick_webcast_sweep_coverage_ratio{${event}}`)})`, 'coverage']] }))
    .withPanel(single({ title: 'Sampled events', unit: 'short', description: 'Live events too large to sweep fully every few minutes: their zone quality comes from samples re-read every 2 minutes, their head counts from census pages.',
      queries: [[`count(vbrick_webcast_realtime_mode{${event}, mode="sampled"}) or vector(0)`, 'sampled']] }))
    .withPanel(single({ title: 'Swept events', unit: 'short', description: 'Live events small enough for complete sweeps: only these have the panels below.',
      queries: [[`count(vbrick_webcast_realtime_mode{${event}, mode!="sampled"}) or vector(0)`, 'swept']] }))
    .withPanel(graph({ title: 'Bitrate percentiles', unit: 'Bps', description: `Video bitrate of online attendees (bytes per second), over the last ${sweepWindow}: the histogram is observed once per complete sweep, so a shorter window would hold at most one.`,
      queries: [[percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.1), 'p10'], [percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.5), 'p50'], [percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.9), 'p90']] }))
    .withPanel(graph({ title: 'Bandwidth percentiles', unit: 'Bps', description: `Measured network bandwidth of online attendees (bytes per second), over the last ${sweepWindow} of complete sweeps.`,
      queries: [[percentile('vbrick_webcast_attendee_bandwidth_bytes_per_second', 0.1), 'p10'], [percentile('vbrick_webcast_attendee_bandwidth_bytes_per_second', 0.5), 'p50']] }))
    .withPanel(graph({ title: 'Buffering per minute by zone', unit: 'short', description: `Buffering events and seconds of buffering per minute, summed over a zone's viewers, from per-session deltas between complete sweeps (over ${sweepWindow}). Large webcasts have none: "Sessions rebuffering by zone" covers them.`,
      queries: [
        [`60 * sum by (zone) (rate(vbrick_webcast_buffering_events_total{${zoned}}[${sweepWindow}]))`, 'events {{zone}}'],
        [`60 * sum by (zone) (rate(vbrick_webcast_buffering_seconds_total{${zoned}}[${sweepWindow}]))`, 'seconds {{zone}}']] }))
    .withPanel(graph({ title: 'Errors and multicast failovers per minute', unit: 'short', description: `Playback errors and multicast failovers per minute across the selected zones, from complete sweeps (over ${sweepWindow}).`,
      queries: [[`60 * sum(rate(vbrick_webcast_playback_errors_total{${zoned}}[${sweepWindow}]))`, 'playback errors'], [`60 * sum(rate(vbrick_webcast_multicast_failovers_total{${zoned}}[${sweepWindow}]))`, 'multicast failovers']] }))
    .withPanel(panel(new heatmap.PanelBuilder(), { title: 'Bitrate heatmap', unit: 'Bps', w: 24, description: 'How many online attendees watched at each bitrate (bytes per second) over time, per complete sweep.',
      queries: [[`sum by (le) (increase(vbrick_webcast_attendee_bitrate_bytes_per_second_bucket{${zoned}}[${sweepWindow}]))`, '{{le}}', prometheus.PromQueryFormat.Heatmap]] }));
}

function zoneDrilldown() {
  return base('vbrick-zone-drilldown', 'Vbrick webcast: zone drill-down',
    'One zone of one webcast: its viewers, their quality, and how it compares with the other zones.', 'single')
    .withRow(row('The zone now'))
    .withPanel(single({ title: 'Viewers in the zone', unit: 'short', description: 'Online sessions in the zone, exact at every audience size (the last complete sweep or the zone\'s census page).',
      queries: [[`sum(vbrick_webcast_zone_attendees{${zoned}})`, 'viewers']] }))
    .withPanel(single({ title: 'Zone count age', unit: 's', thresholds: ageThresholds(t.zoneCountAgeGoalSeconds), description: 'How old the zone\'s head count is.',
      queries: [[`max(${liveOnly(`time() - vbrick_webcast_zone_attendees_timestamp_seconds{${zoned}}`)})`, 'age']] }))
    .withPanel(single({ title: 'Sessions rebuffering now', unit: 'percentunit', thresholds: [[null, 'green'], [t.zoneRebufferingRatio / 2, 'orange'], [t.zoneRebufferingRatio, 'red']], description: 'Share of the zone\'s sessions read twice in the last 5 minutes whose buffering count rose: the alert\'s signal, beside the head count.',
      queries: [[`max(vbrick_webcast_zone_rebuffering_ratio{${zoned}})`, 'ratio']] }))
    .withPanel(single({ title: 'Sessions behind the ratio', unit: 'short', description: 'How many of the zone\'s sessions the ratio is over (the alert needs at least 20).',
      queries: [[`sum(vbrick_webcast_zone_quality_sample_sessions{${zoned}})`, 'sessions']] }))
    .withRow(row('Against the other zones'))
    .withPanel(graph({ title: 'Viewers in the zone by stream type and browser', unit: 'short', description: 'Online sessions in the selected zone, from the last complete sweep (small webcasts; a large one has head counts by zone, stream type and browser, not their combinations).',
      queries: [[`sum by (stream_type, browser) (vbrick_webcast_attendees{${zoned}, status="online"})`, '{{stream_type}} / {{browser}}']] }))
    .withPanel(graph({ title: 'Sessions rebuffering: zone against the rest', unit: 'percentunit', description: 'Share of sessions read twice in the last 5 minutes whose buffering count rose, in this zone and (weighted by sample size) in all others.',
      queries: [
        [`max(vbrick_webcast_zone_rebuffering_ratio{${zoned}})`, 'this zone'],
        [`sum(vbrick_webcast_zone_rebuffering_ratio{${event}, zone!~"$zone"} * on (event_id, zone) vbrick_webcast_zone_quality_sample_sessions) / sum(vbrick_webcast_zone_quality_sample_sessions{${event}, zone!~"$zone"})`, 'other zones']] }))
    .withPanel(graph({ title: 'Buffering share: zone against the rest', unit: 'percentunit', description: 'Share of watching time spent buffering, in this zone and in all other zones of the event.',
      queries: [
        [`sum(rate(vbrick_webcast_buffering_seconds_total{${zoned}}[${sweepWindow}])) / sum(vbrick_webcast_zone_attendees{${zoned}})`, 'this zone'],
        [`sum(rate(vbrick_webcast_buffering_seconds_total{${event}, zone!~"$zone"}[${sweepWindow}])) / sum(vbrick_webcast_zone_attendees{${event}, zone!~"$zone"})`, 'other zones']] }))
    .withRow(row('From complete sweeps (small webcasts)'))
    .withPanel(graph({ title: 'Bitrate percentiles by stream type', unit: 'Bps', description: 'Median and 10th percentile bitrate in the zone, per stream type, observed once per complete sweep.',
      queries: [[percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.5, ', stream_type'), 'p50 {{stream_type}}'], [percentile('vbrick_webcast_attendee_bitrate_bytes_per_second', 0.1, ', stream_type'), 'p10 {{stream_type}}']] }))
    .withPanel(graph({ title: 'Errors and failovers per viewer and minute', unit: 'short', description: 'Playback errors and multicast failovers per online viewer and minute in the zone.',
      queries: [
        [`60 * sum(rate(vbrick_webcast_playback_errors_total{${zoned}}[${sweepWindow}])) / sum(vbrick_webcast_zone_attendees{${zoned}})`, 'playback errors'],
        [`60 * sum(rate(vbrick_webcast_multicast_failovers_total{${zoned}}[${sweepWindow}])) / sum(vbrick_webcast_zone_attendees{${zoned}})`, 'multicast failovers']] }));
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
    .withRow(row('The event'))
    .withPanel(single({ title: 'Sessions', unit: 'short', description: 'Sessions in the attendee report (main run).', queries: [[summary('vbrick_webcast_post_event_sessions_total'), 'sessions']] }))
    .withPanel(single({ title: 'Viewers', unit: 'short', description: 'Distinct viewers in the attendee report, summed over zones (a viewer who watched from two zones counts in both).', queries: [[summary('vbrick_webcast_post_event_viewers_total'), 'viewers']] }))
    .withPanel(single({ title: 'Viewing time', unit: 's', description: 'Total viewing time of all sessions.', queries: [[summary('vbrick_webcast_post_event_viewing_seconds_total'), 'viewing']] }))
    .withPanel(single({ title: 'Comments', unit: 'short', description: 'Comments posted during the event, hidden ones included.', queries: [[`sum(max_over_time(vbrick_webcast_comments_total{${event}}[$__range]))`, 'comments']] }))
    .withRow(row('Peak and delivery'))
    .withPanel(single({ title: 'Peak concurrent sessions', unit: 'short', description: 'Most sessions open at once, exact, from every session\'s entered and exited dates (a viewer with two sessions at once counts twice).',
      queries: [[`max(max_over_time(vbrick_webcast_post_event_peak_concurrent_sessions{${event}, run="main"}[$__range]))`, 'peak']] }))
    .withPanel(single({ title: 'Peak at', unit: 'dateTimeAsIso', description: 'When the peak was first reached.',
      queries: [[`1000 * max(max_over_time(vbrick_webcast_post_event_peak_timestamp_seconds{${event}, run="main"}[$__range]))`, 'peak at']] }))
    .withPanel(single({ title: 'Offload', unit: 'percentunit', thresholds: [[null, 'red'], [0.5, 'orange'], [0.8, 'green']], description: 'Share of all viewing served inside the network (eCDN cache, multicast, peer mesh) rather than over the internet, from the sessions\' eCDNTime and publicCDNTime.',
      queries: [[`sum(max_over_time(vbrick_webcast_post_event_ecdn_seconds_total{${event}, run="main"}[$__range])) / (sum(max_over_time(vbrick_webcast_post_event_ecdn_seconds_total{${event}, run="main"}[$__range])) + sum(max_over_time(vbrick_webcast_post_event_public_cdn_seconds_total{${event}, run="main"}[$__range])))`, 'offload']] }))
    .withPanel(single({ title: 'Rev\'s eCDN share', unit: 'percentunit', thresholds: [[null, 'blue']], description: 'The same share from Rev\'s own event-wide totals (totalECDNTime, totalPublicCDNTime on the report\'s first page): where it differs from "Offload", Rev counts something the sessions do not show.',
      queries: [[`sum(max_over_time(vbrick_webcast_post_event_rev_cdn_seconds{${event}, run="main", delivery="ecdn"}[$__range])) / sum(max_over_time(vbrick_webcast_post_event_rev_cdn_seconds{${event}, run="main"}[$__range]))`, 'Rev']] }))
    .withPanel(bars({ title: 'Concurrent sessions over the event', unit: 'short', w: 16, description: 'The most sessions open at once within each bucket, by minutes after the first session entered (bucket width: vbrick_webcast_post_event_concurrency_bucket_seconds).',
      queries: [[`max by (minute) (max_over_time(vbrick_webcast_post_event_concurrent_sessions{${event}, run="main"}[$__range]))`, '{{minute}}', prometheus.PromQueryFormat.Table, true]] })
      .xField('minute')
      .withTransformation({ id: 'convertFieldType', options: { conversions: [{ targetField: 'minute', destinationType: 'number' }] } })
      .withTransformation({ id: 'sortBy', options: { sort: [{ field: 'minute' }] } }))
    .withPanel(ranking({ title: 'Offload by zone', unit: 'percentunit', w: 8, min: 0, max: 1, description: 'Share of each zone\'s viewing served inside the network: an office far below the others is where the eCDN failed (recording rule vbrick:webcast_post_event_offload_ratio).',
      queries: [[`sort(max by (zone) (max_over_time(vbrick:webcast_post_event_offload_ratio{${event}, run="main"}[$__range])))`, '{{zone}}', null, true]] }))
    .withRow(row('By zone'))
    .withPanel(bars({ title: 'Sessions by zone', unit: 'short', description: 'Sessions per zone in the attendee report.', queries: [[summary('vbrick_webcast_post_event_sessions_total', 'zone'), '{{zone}}', prometheus.PromQueryFormat.Table, true]] }))
    .withPanel(bars({ title: 'Rebuffering time per session by zone', unit: 's', description: 'Average rebuffering time per session, per zone. Absent when Rev only had the deprecated report, which has no buffering figures.',
      queries: [[`${summary('vbrick_webcast_post_event_rebuffer_seconds_total', 'zone')} / on (zone) ${summary('vbrick_webcast_post_event_sessions_total', 'zone')}`, '{{zone}}', prometheus.PromQueryFormat.Table, true]] }))
    .withPanel(ranking({ title: 'Median start-up delay by zone', unit: 's', thresholds: [[null, 'green'], [5, 'orange'], [15, 'red']], description: 'How long half of each zone\'s sessions waited for video (viewingStartTime - enteredDate), slowest first: an office far above the others has a slow link or a struggling eCDN node.',
      queries: [[`sort_desc(histogram_quantile(0.5, sum by (le, zone) (max_over_time(vbrick_webcast_post_event_startup_delay_seconds_bucket{${event}, run="main"}[$__range]))))`, '{{zone}}', null, true]] }))
    .withPanel(ranking({ title: 'Start-up delay p90 by zone', unit: 's', thresholds: [[null, 'green'], [10, 'orange'], [30, 'red']], description: 'The wait for video that one session in ten exceeded, per zone, slowest first.',
      queries: [[`sort_desc(histogram_quantile(0.9, sum by (le, zone) (max_over_time(vbrick_webcast_post_event_startup_delay_seconds_bucket{${event}, run="main"}[$__range]))))`, '{{zone}}', null, true]] }))
    .withRow(row('Viewing and polls'))
    // Heatmap format makes Grafana turn the cumulative buckets into one count per bucket.
    .withPanel(ranking({ title: 'How long people stayed', unit: 'short', description: 'Sessions per viewing-time bucket (each bar counts the sessions between the previous bound and its own, in seconds): the distribution, not the cumulative count.',
      queries: [[`sum by (le) (max_over_time(vbrick_webcast_post_event_viewing_duration_seconds_bucket{${event}, run="main"}[$__range]))`, '{{le}}', prometheus.PromQueryFormat.Heatmap, true]] }).orientation(common.VizOrientation.Vertical))
    .withPanel(bars({ title: 'Poll results', unit: 'short', description: 'Votes per answer of each poll question.',
      queries: [[`sum by (question, answer) (max_over_time(vbrick_webcast_poll_votes_total{${event}}[$__range]))`, '{{question}}: {{answer}}', prometheus.PromQueryFormat.Table, true]] }));
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
// Grafana lays panels out with react-grid-layout (24 columns, vertical compaction): a panel that
// passes column 24 or floats above its place is moved on load. The SDK's own placement lets a
// panel start at x=18 with w=12, so every panel is placed here, left to right, each at the lowest
// free height of the columns it spans (where compaction would put it anyway); rows span the width,
// and an expanded row's panels follow it at the top level, as Grafana saves them.
// dashboards/layout-check.mjs verifies the result with react-grid-layout itself.
function laidOut(built) {
  const panels = [];
  for (const panel of built.panels ?? []) {
    panels.push(panel);
    if (panel.type === 'row' && !panel.collapsed) {
      panels.push(...(panel.panels ?? []));
      panel.panels = [];
    }
  }

  const columns = new Array(24).fill(0);
  let x = 0;
  panels.forEach((panel, index) => {
    panel.id = index + 1;
    if (panel.type === 'row') {
      const y = Math.max(...columns);
      panel.gridPos = { h: 1, w: 24, x: 0, y };
      columns.fill(y + 1);
      x = 0;
      return;
    }

    const w = Math.min(panel.gridPos?.w ?? 12, 24);
    const h = panel.gridPos?.h ?? 8;
    if (x + w > 24) x = 0;
    const y = Math.max(...columns.slice(x, x + w));
    panel.gridPos = { h, w, x, y };
    columns.fill(y + h, x, x + w);
    x = (x + w) % 24;
  });
  built.panels = panels;
  return built;
}

const outputs = Object.fromEntries(Object.entries(dashboards).map(([file, builder]) => [join(dashboardsDir, file), JSON.stringify(laidOut(builder.build()), null, 2) + '\n']));

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
