#!/usr/bin/env python3
"""Structural checks for data/industries/gbt4754-2017.csv and data/divisions/gbt2260.csv.
Run from the repository root: python3 data/industries/validate.py"""
import csv, re, sys
from collections import Counter
fail = []
def load(p):
    raw = open(p, 'rb').read(); raw.decode('utf-8')  # must be UTF-8
    return list(csv.DictReader(open(p, encoding='utf-8', newline='')))
ind = load('data/industries/gbt4754-2017.csv')
codes = {}
for r in ind:
    c, l, n, p = r['code'], r['level'], r['name_zh'], r['parent']
    if c in codes: fail.append(f'industry dup {c}')
    codes[c] = r
    shape = {'section': r'^[A-T]$', 'division': r'^\d{2}$', 'group': r'^\d{3}$', 'class': r'^\d{4}$'}[l]
    if not re.match(shape, c): fail.append(f'industry shape {c} {l}')
    if not n.strip() or n != n.strip(): fail.append(f'industry name {c}')
for r in ind:
    c, l, p = r['code'], r['level'], r['parent']
    if l == 'section':
        if p: fail.append(f'section parent {c}')
        continue
    if p not in codes: fail.append(f'industry parent missing {c}->{p}'); continue
    pl = codes[p]['level']
    ok = {'division': pl == 'section', 'group': pl == 'division' and c[:2] == p,
          'class': (pl == 'group' and c[:3] == p) or (pl == 'division' and c[:2] == p)}[l]
    if not ok: fail.append(f'industry parent wrong {c}->{p}')
ic = Counter(r['level'] for r in ind)
implied = {r['code'][:3] for r in ind if r['level'] == 'class'} | {r['code'] for r in ind if r['level'] == 'group'}
div = load('data/divisions/gbt2260.csv')
dc = {}
for r in div:
    c, n, l, p = r['code'], r['name_zh'], r['level'], r['parent']
    if c in dc: fail.append(f'division dup {c}')
    dc[c] = r
    if not re.match(r'^\d{6}$', c): fail.append(f'division shape {c}')
    if not n.strip() or n != n.strip(): fail.append(f'division name {c}')
    want = 'province' if c.endswith('0000') else 'city' if c.endswith('00') else 'county'
    if l != want: fail.append(f'division level {c} {l}')
for r in div:
    c, l, p = r['code'], r['level'], r['parent']
    if l == 'province':
        if p: fail.append(f'province parent {c}')
    elif p not in dc or not c.startswith(p[:2]) or dc[p]['level'] not in ('province', 'city') \
            or (l == 'city' and dc[p]['level'] != 'province') \
            or (dc[p]['level'] == 'city' and c[:4] != p[:4]):
        fail.append(f'division parent wrong {c}->{p}')
print('industries:', dict(ic), 'groups incl. implied:', len(implied))
print('divisions:', dict(Counter(r['level'] for r in div)))
print('6120xx assigned:', [c for c in dc if c.startswith('6120')])
if fail:
    print('\n'.join(fail[:50])); print(f'FAILED: {len(fail)} problems'); sys.exit(1)
print('OK')
