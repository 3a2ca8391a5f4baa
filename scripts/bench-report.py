#!/usr/bin/env python3
"""Turns the raw measurements of scripts/bench.sh into its table (stdout) and JSON file.

usage: bench-report.py RAW.tsv OUT.json

RAW.tsv holds one record per line (TAB-separated, first field the kind): machine, corpus,
index (one indexing run), compact, query (a hyperfine JSON with every tool on one query),
noop, batch, shard_build, shard_check, shards (a hyperfine JSON with one query on the single
database, 2 local shards and 2 remote shards, without and with facets), load_end. Every figure
is a median over repeats; query latency is the median and p95 over queries of each query's
median time. Ratios divide figures of the same run.
"""
import json
import statistics
import sys

# Targets of issue 7, checked on the largest SOTU scale measured.
TARGETS = {
    'index_j1_vs_bare': 1.0,        # throughput ratio, at least
    'index_j2_vs_bare': 3.5,        # throughput ratio, at least
    'peak_rss_mb': 300,             # at most
    'rss_growth': 1.2,              # max / min peak RSS over the SOTU scales, at most
    'compacted_vs_text': 2.5,       # at most
    'query_vs_quest': 1.0,          # median latency ratio, at most
    'facets_vs_quest': 1.5,         # median latency ratio, at most
}


def p95(values):
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def load(raw_path):
    data = {'machine': {}, 'corpora': {}, 'shards': {}}
    corpora = data['corpora']
    for line in open(raw_path, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        kind = f[0]
        if kind == 'machine':
            data['machine'] = dict(zip(['cpus', 'load_start', 'git', 'xapian', 'sqlite',
                                        'ripgrep', 'date'], f[1:]))
            continue
        if kind == 'load_end':
            data['machine']['load_end'] = f[1]
            continue
        if kind.startswith('shard'):
            sh = data['shards'].setdefault(f[1], {'build': None, 'check': None, 'queries': []})
            if kind == 'shard_build':
                sh['build'] = {'shards': int(f[2]), 'wall_s': float(f[3]),
                               'peak_rss_mb': int(f[4]) / 1024, 'cpu_s': float(f[5]),
                               'db_bytes': int(f[6]), 'passages': int(f[7])}
            elif kind == 'shard_check':
                sh['check'] = json.load(open(f[2]))
            else:
                runs = json.load(open(f[4]))['results']
                sh['queries'].append({'id': f[2], 'class': f[3],
                                      'median_ms': {n: r['median'] * 1e3
                                                    for n, r in zip(f[5].split(','), runs)},
                                      'cpu_ms': {n: (r['user'] + r['system']) * 1e3
                                                 for n, r in zip(f[5].split(','), runs)}})
            continue
        c = corpora.setdefault(f[1], {'index_runs': {}, 'compact': {}, 'queries': [],
                                      'batch': None, 'noop_ms': None})
        if kind == 'corpus':
            c['dir'], c['text_bytes'], c['files'] = f[2], int(f[3]), int(f[4])
        elif kind == 'index':
            # wall rss [cpu] db passages: records without CPU time come from older scripts.
            tool, cpu = f[2], float(f[6]) if len(f) == 9 else None
            c['index_runs'].setdefault(tool, []).append(
                {'wall_s': float(f[4]), 'rss_kb': int(f[5]), 'cpu_s': cpu,
                 'db_bytes': int(f[-2]), 'passages': int(f[-1])})
        elif kind == 'compact':
            c['compact'][f[2]] = {'wall_s': float(f[3]), 'db_bytes': int(f[-1])}
        elif kind == 'query':
            runs = json.load(open(f[4]))['results']
            names = f[5].split(',')
            c['queries'].append({'id': f[2], 'class': f[3],
                                 'median_ms': {n: r['median'] * 1e3 for n, r in zip(names, runs)},
                                 'cpu_ms': {n: (r['user'] + r['system']) * 1e3
                                            for n, r in zip(names, runs)}})
        elif kind == 'noop':
            c['noop_ms'] = json.load(open(f[2]))['results'][0]['median'] * 1e3
        elif kind == 'batch':
            runs = json.load(open(f[3]))['results']
            n = int(f[2])
            c['batch'] = {name: {'queries': n, 'median_s': r['median'],
                                 'queries_per_s': n / r['median']}
                          for name, r in zip(f[4].split(','), runs)}
    return data


def summarise(c):
    text = c['text_bytes']
    index = {}
    for tool, runs in c['index_runs'].items():
        wall = statistics.median(r['wall_s'] for r in runs)
        passages = runs[-1]['passages']
        db = runs[-1]['db_bytes']
        cpu = [r['cpu_s'] for r in runs if r['cpu_s'] is not None]
        entry = {'runs': len(runs), 'wall_s': wall, 'wall_s_all': [r['wall_s'] for r in runs],
                 'cpu_s': statistics.median(cpu) if cpu else None,
                 'mb_per_cpu_s': text / 1e6 / statistics.median(cpu) if cpu else None,
                 'mb_per_s': text / 1e6 / wall, 'passages': passages,
                 'passages_per_s': passages / wall,
                 'peak_rss_mb': statistics.median(r['rss_kb'] for r in runs) / 1024,
                 'db_bytes': db, 'db_vs_text': db / text,
                 'db_bytes_per_passage': db / passages if passages else None}
        if tool in c['compact']:
            entry['compacted_bytes'] = c['compact'][tool]['db_bytes']
            entry['compacted_vs_text'] = entry['compacted_bytes'] / text
            entry['compact_wall_s'] = c['compact'][tool]['wall_s']
        index[tool] = entry
    for tool, entry in index.items():
        entry['throughput_vs'] = {other: entry['mb_per_s'] / o['mb_per_s']
                                  for other, o in index.items() if other != tool}
        if entry['cpu_s']:
            entry['cpu_throughput_vs'] = {other: o['cpu_s'] / entry['cpu_s']
                                          for other, o in index.items()
                                          if other != tool and o['cpu_s']}

    tools = sorted({t for q in c['queries'] for t in q['median_ms']})
    query = {}
    for tool in tools:
        times = [q['median_ms'][tool] for q in c['queries'] if tool in q['median_ms']]
        by_class = {}
        for q in c['queries']:
            if tool in q['median_ms']:
                by_class.setdefault(q['class'], []).append(q['median_ms'][tool])
        cpu = [q['cpu_ms'][tool] for q in c['queries'] if tool in q['cpu_ms']]
        query[tool] = {'queries': len(times), 'median_ms': statistics.median(times),
                       'p95_ms': p95(times), 'cpu_median_ms': statistics.median(cpu),
                       'median_ms_by_class': {k: statistics.median(v) for k, v in by_class.items()}}
    for tool, entry in query.items():
        entry['median_vs'] = {other: entry['median_ms'] / o['median_ms']
                              for other, o in query.items() if other != tool}
        # How often this tool beats the other on the same query.
        entry['faster_share_vs'] = {
            other: sum(1 for q in c['queries'] if tool in q['median_ms'] and other in q['median_ms']
                       and q['median_ms'][tool] < q['median_ms'][other]) / len(c['queries'])
            for other in query if other != tool}
    return {'dir': c['dir'], 'files': c['files'], 'text_bytes': text, 'index': index,
            'query': query, 'noop_ms': c['noop_ms'], 'batch': c['batch'],
            'per_query_ms': {q['id']: q['median_ms'] for q in c['queries']}}


def summarise_shards(name, sh, summary):
    """One database vs 2 local shards vs 2 remote shards on the same queries, same run."""
    configs = {}
    for q in sh['queries']:
        for n in q['median_ms']:
            configs.setdefault(n, None)
    out = {}
    for n in configs:
        times = [q['median_ms'][n] for q in sh['queries'] if n in q['median_ms']]
        cpu = [q['cpu_ms'][n] for q in sh['queries'] if n in q['cpu_ms']]
        out[n] = {'queries': len(times), 'median_ms': statistics.median(times),
                  'p95_ms': p95(times), 'client_cpu_median_ms': statistics.median(cpu)}
    for n, e in out.items():
        # Against the single database with the same facets (one or one-facets).
        ref = out.get('one-facets' if n.endswith('-facets') else 'one')
        if ref:
            e['median_vs_one'] = e['median_ms'] / ref['median_ms']
            e['p95_vs_one'] = e['p95_ms'] / ref['p95_ms']
            base = 'one-facets' if n.endswith('-facets') else 'one'
            e['per_query_ratio_median'] = statistics.median(
                q['median_ms'][n] / q['median_ms'][base] for q in sh['queries']
                if n in q['median_ms'] and base in q['median_ms'])
    build = sh['build']
    single = summary.get(name, {}).get('index', {})
    one_build = single.get('dossier-j2') or single.get('dossier-j1')
    if build and one_build:
        build['wall_vs_one'] = build['wall_s'] / one_build['wall_s']
        build['one'] = 'dossier-j2' if 'dossier-j2' in single else 'dossier-j1'
    return {'corpus': name, 'shards': build['shards'] if build else 2,
            'servers': 'xapian-tcpsrv on 127.0.0.1, one per shard',
            'check': sh['check'], 'build': build, 'query': out,
            'per_query_ms': {q['id']: q['median_ms'] for q in sh['queries']}}


def shards_table(s):
    lines = ['', f"== shards: {s['corpus']}, one database vs {s['shards']} local shards vs "
                 f"{s['shards']} remote shards ({s['servers']})"]
    b = s['build']
    if b:
        vs = f"  ({b['wall_vs_one']:.2f} x {b['one']})" if 'wall_vs_one' in b else ''
        lines.append(f"sharded build: {b['wall_s']:.2f} s wall{vs}, {b['cpu_s']:.2f} s CPU, "
                     f"{b['peak_rss_mb']:.0f} MB RSS, {b['passages']} passages")
    check = s['check']
    if check:
        lines.append(f"same top 10 (ids, scores within 1e-9), facet counts and totals as the single "
                     f"database: {check['same_queries']} of {check['checked_queries']} queries")
        for d in check['differences']:
            lines.append(f"  differ: {d['query']} {d['class']} ({d['text']}), {d['config']} shards: "
                         f"{', '.join(d['differ'])}{'' if d['fatal'] else ' (not fatal)'}")
    lines.append(f"{'query':<15} {'median ms':>9} {'p95 ms':>7} {'median/one':>10} "
                 f"{'p95/one':>8} {'per-query':>9}")
    order = ['one', 'local', 'remote', 'one-facets', 'local-facets', 'remote-facets']
    for n in sorted(s['query'], key=lambda k: order.index(k) if k in order else len(order)):
        e = s['query'][n]
        lines.append(f"{n:<15} {e['median_ms']:>9.1f} {e['p95_ms']:>7.1f} "
                     f"{e.get('median_vs_one', float('nan')):>10.2f} "
                     f"{e.get('p95_vs_one', float('nan')):>8.2f} "
                     f"{e.get('per_query_ratio_median', float('nan')):>9.2f}")
    lines.append('(per-query: median over queries of this / one database on the same query; '
                 '-facets rows against one-facets)')
    return lines


def verdicts(summary):
    sotu = sorted((k for k in summary if k.startswith('sotu-x')), key=lambda k: int(k[6:]))
    if not sotu:
        return {}
    top = summary[sotu[-1]]
    out = {'scale': sotu[-1]}
    idx, qry = top['index'], top['query']

    def check(name, value, limit, at_least=False):
        if value is None:
            return
        out[name] = {'value': round(value, 3), 'target': limit,
                     'holds': value >= limit if at_least else value <= limit}

    if 'bare' in idx:
        for j in ('j1', 'j2'):
            if f'dossier-{j}' in idx:
                check(f'index_{j}_vs_bare', idx[f'dossier-{j}']['mb_per_s'] / idx['bare']['mb_per_s'],
                      TARGETS[f'index_{j}_vs_bare'], at_least=True)
    rss = [summary[s]['index'][t]['peak_rss_mb'] for s in sotu for t in ('dossier-j1', 'dossier-j2')
           if t in summary[s]['index']]
    if rss:
        check('peak_rss_mb', max(rss), TARGETS['peak_rss_mb'])
        for t in ('dossier-j1', 'dossier-j2'):
            per_scale = [summary[s]['index'][t]['peak_rss_mb'] for s in sotu
                         if t in summary[s]['index']]
            if len(per_scale) > 1:
                check(f'rss_growth_{t}', max(per_scale) / min(per_scale), TARGETS['rss_growth'])
    for t in ('dossier-j1', 'dossier-j2'):
        if 'compacted_vs_text' in idx.get(t, {}):
            check(f'compacted_vs_text_{t}', idx[t]['compacted_vs_text'], TARGETS['compacted_vs_text'])
    if 'dossier' in qry and 'quest' in qry:
        check('query_vs_quest', qry['dossier']['median_vs']['quest'], TARGETS['query_vs_quest'])
    if 'dossier-facets' in qry and 'quest' in qry:
        check('facets_vs_quest', qry['dossier-facets']['median_vs']['quest'],
              TARGETS['facets_vs_quest'])
    for peer in ('fts5', 'rg'):
        if 'dossier' in qry and peer in qry:
            check(f'query_vs_{peer}', qry['dossier']['median_vs'][peer], 1.0)
            share = qry['dossier']['faster_share_vs'][peer]
            out[f'query_faster_than_{peer}_share'] = {'value': round(share, 3), 'target': 1.0,
                                                      'holds': share == 1.0}
    return out


def table(summary, machine, checks, shards=None):
    lines = [f"Dossier benchmark  {machine.get('date', '')}  git {machine.get('git', '?')}  "
             f"{machine.get('cpus', '?')} cpus  load {machine.get('load_start', '?')} -> "
             f"{machine.get('load_end', '?')}  xapian {machine.get('xapian', '?')}  "
             f"sqlite {machine.get('sqlite', '?')}  rg {machine.get('ripgrep', '?')}"]
    for name, s in summary.items():
        lines.append('')
        lines.append(f"== {name}: {s['files']} files, {s['text_bytes'] / 1e6:.1f} MB of text")
        lines.append(f"{'indexing':<12} {'wall s':>8} {'CPU s':>8} {'MB/s':>6} {'passages':>9} "
                     f"{'pass/s':>7} {'RSS MB':>7} {'db/text':>7} {'compact':>7} {'B/pass':>7} "
                     f"{'vs bare':>7} {'CPU vs':>7}")
        nan = float('nan')
        for tool, e in s['index'].items():
            vs = e['throughput_vs'].get('bare', nan)
            cpu_vs = e.get('cpu_throughput_vs', {}).get('bare', nan)
            lines.append(
                f"{tool:<12} {e['wall_s']:>8.2f} {e['cpu_s'] or nan:>8.2f} {e['mb_per_s']:>6.2f} "
                f"{e['passages']:>9} {e['passages_per_s']:>7.0f} {e['peak_rss_mb']:>7.0f} "
                f"{e['db_vs_text']:>7.2f} {e.get('compacted_vs_text', nan):>7.2f} "
                f"{e['db_bytes_per_passage'] or 0:>7.0f} {vs:>7.2f} {cpu_vs:>7.2f}")
        if s['query']:
            lines.append(f"{'query':<15} {'median ms':>9} {'p95 ms':>7} {'CPU ms':>7}  ratios of "
                         f"medians (this / peer)    [no-op process: {s['noop_ms']:.1f} ms]")
            for tool, e in s['query'].items():
                ratios = '  '.join(f"{k} {v:.2f}" for k, v in e['median_vs'].items()
                                   if k in ('bare', 'quest', 'fts5', 'rg'))
                lines.append(f"{tool:<15} {e['median_ms']:>9.1f} {e['p95_ms']:>7.1f} "
                             f"{e['cpu_median_ms']:>7.1f}  {ratios}")
        if s['batch']:
            lines.append('batch (one process): ' + '  '.join(
                f"{k} {v['queries_per_s']:.0f} q/s" for k, v in s['batch'].items()))
    sotu = sorted((k for k in summary if k.startswith('sotu-x')), key=lambda k: int(k[6:]))
    if len(sotu) > 1:
        lines.append('')
        lines.append('growth (SOTU)     ' + ''.join(f'{k:>12}' for k in sotu))
        rows = [('dossier-j1 s', lambda s: s['index'].get('dossier-j1', {}).get('wall_s')),
                ('dossier-j2 s', lambda s: s['index'].get('dossier-j2', {}).get('wall_s')),
                ('bare s', lambda s: s['index'].get('bare', {}).get('wall_s')),
                ('j1 RSS MB', lambda s: s['index'].get('dossier-j1', {}).get('peak_rss_mb')),
                ('j2 RSS MB', lambda s: s['index'].get('dossier-j2', {}).get('peak_rss_mb')),
                ('query ms', lambda s: s['query'].get('dossier', {}).get('median_ms')),
                ('facets ms', lambda s: s['query'].get('dossier-facets', {}).get('median_ms')),
                ('quest ms', lambda s: s['query'].get('quest', {}).get('median_ms')),
                ('fts5 ms', lambda s: s['query'].get('fts5', {}).get('median_ms')),
                ('rg ms', lambda s: s['query'].get('rg', {}).get('median_ms'))]
        for label, get in rows:
            vals = [get(summary[k]) for k in sotu]
            lines.append(f'{label:<18}' + ''.join(f'{v:>12.1f}' if v is not None else f"{'-':>12}"
                                                  for v in vals))
    for s in (shards or {}).values():
        lines.extend(shards_table(s))
    if checks:
        lines.append('')
        lines.append(f"targets (issue 7) at {checks['scale']}:")
        for k, v in checks.items():
            if k != 'scale':
                lines.append(f"  {'holds' if v['holds'] else 'MISSED':<7} {k}: {v['value']} "
                             f"(target {v['target']})")
    return '\n'.join(lines)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    data = load(sys.argv[1])
    summary = {name: summarise(c) for name, c in data['corpora'].items()}
    checks = verdicts(summary)
    shards = {name: summarise_shards(name, sh, summary) for name, sh in data['shards'].items()
              if sh['queries']}
    result = {'machine': data['machine'], 'corpora': summary, 'targets': checks}
    if shards:
        # One database vs 2 local vs 2 remote shards: bench.sh runs them on one corpus only.
        result['shards'] = list(shards.values())[-1]
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        json.dump(result, f, indent=2)
        f.write('\n')
    print(table(summary, data['machine'], checks, shards))


if __name__ == '__main__':
    main()
