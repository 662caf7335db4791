#!/usr/bin/env python3
"""Regenerates extra-cases.jsonl: cases beyond the shared corpus, with expected
results produced by Go itself (the gorender oracle of
../shared/template-conformance, built by its build.sh).

    python3 make_extra_cases.py ~/.cache/gorender/src/gorender

Each case is {"id","category","template","data"}; gorender renders it with Go's
text/template + sprig v3 and the result is written in the shared corpus format.
"""
import json
import os
import subprocess
import sys
import tempfile

SPLIT = {
    'pv': '{{ printf "%v" (split "," "a,b,c") }}',
    'sharp-v': '{{ printf "%#v" (split "," "a,b,c") }}',
    'type': '{{ printf "%T" (split "," "a,b,c") }}',
    'splitn-type': '{{ printf "%T" (splitn "," 2 "a,b,c") }}',
    'splitn-sharp-v': '{{ printf "%#v" (splitn "," 2 "a,b,c") }}',
    'plain': '{{ split "," "a,b,c" }}',
    'field': '{{ (split "," "a,b,c")._1 }}',
    'field-missing': '{{ (split "," "a,b,c")._9 }}',
    'index': '{{ index (split "," "a,b,c") "_2" }}',
    'index-missing': '{{ index (split "," "a,b,c") "_9" }}',
    'range': '{{ range $k, $v := split "," "a,b,c" }}{{$k}}={{$v}};{{ end }}',
    'range-elem-type': '{{ range split "," "a,b" }}{{ printf "%T" . }}{{ end }}',
    'len': '{{ len (split "," "a,b,c") }}',
    'dig': '{{ dig "_0" "x" (split "," "a,b,c") }}',
    'set': '{{ $s := split "," "a,b,c" }}{{ $_ := set $s "_0" "z" }}{{ $s }}',
    'unset': '{{ $s := split "," "a,b,c" }}{{ $_ := unset $s "_0" }}{{ $s }}',
    'merge-src': '{{ $s := split "," "a,b,c" }}{{ merge dict $s }}',
    'merge-dst': '{{ $s := split "," "a,b,c" }}{{ merge $s dict }}',
    'mustMerge': '{{ mustMerge dict (split "," "a") }}',
    'mergeOverwrite': '{{ mergeOverwrite dict (split "," "a") }}',
    'keys': '{{ keys (split "," "a,b,c") }}',
    'values': '{{ values (split "," "a,b,c") }}',
    'hasKey': '{{ hasKey (split "," "a,b,c") "_0" }}',
    'get': '{{ get (split "," "a,b,c") "_0" }}',
    'pluck': '{{ pluck "_0" (split "," "a,b,c") }}',
    'pick': '{{ pick (split "," "a,b") "_0" }}',
    'omit': '{{ omit (split "," "a,b") "_0" }}',
    'toJson': '{{ toJson (split "," "a,b,c") }}',
    'toPrettyJson': '{{ toPrettyJson (split "," "a,b") }}',
    'kindOf': '{{ kindOf (split "," "a,b,c") }}',
    'typeOf': '{{ typeOf (split "," "a,b,c") }}',
    'empty': '{{ empty (split "," "") }}',
    'deepCopy-type': '{{ printf "%T" (deepCopy (split "," "a,b")) }}',
    'eq': '{{ eq (split "," "a") (split "," "a") }}',
    'ne-int': '{{ ne (split "," "a") 1 }}',
    'default': '{{ default "x" (split "," "a") }}',
    'toString': '{{ toString (split "," "a,b") }}',
    'join': '{{ join "-" (split "," "a,b") }}',
    'list': '{{ list (split "," "a,b") }}',
    'quote-verb': '{{ printf "%q" (split "," "a,b") }}',
    'hex-verb': '{{ printf "%x" (split "," "a") }}',
    'd-verb': '{{ printf "%d" (split "," "a") }}',
    'plus-v': '{{ printf "%+v" (split "," "a,b") }}',
    'if': '{{ if split "," "a" }}yes{{ end }}',
    'with': '{{ with split "," "a" }}{{ ._0 }}{{ end }}',
    'in-dict': '{{ $d := dict "x" (split "," "a,b") }}{{ $d.x._1 }}',
    'deepCopy-in-dict': '{{ $d := dict "x" (split "," "a,b") }}{{ $e := deepCopy $d }}{{ printf "%#v" $e }}',
    'sharp-v-in-list': '{{ printf "%#v" (list (split "," "a")) }}',
    'sharp-v-in-dict': '{{ printf "%#v" (dict "k" (split "," "a")) }}',
    'set-into-dict': '{{ $d := dict }}{{ $_ := set $d "k" (split "," "a") }}{{ printf "%#v" $d }}',
    'first': '{{ first (split "," "b,a") }}',
    'coalesce': '{{ coalesce (split "," "") "x" }}',
    'html': '{{ html (split "," "a<") }}',
    'print': '{{ print (split "," "a") 1 }}',
    'index-chain': '{{ index (dict "k" (split "," "a,b")) "k" "_1" }}',
    'splitn-dollar': '{{ splitn "$" 2 "foo$bar$baz" }}',
    'uniq': '{{ uniq (list (split "," "a") (split "," "a")) }}',
    'has': '{{ has (split "," "a") (list (split "," "a")) }}',
}

# Strings whose case mappings differ between Go's unicode tables (simple, per-rune
# mappings, Unicode 15.0) and full/locale-aware or newer-Unicode mappings.
CASE_INPUTS = {
    'dotted-capital-i': 'İSTANBUL',
    'dotless-i': 'ıi',
    'sharp-s': 'straße',
    'capital-sharp-s': 'ẞ',
    'ligature-fi': 'ﬁne',
    'n-apostrophe': 'ŉ',
    'j-caron': 'ǰ',
    'greek-dialytika': 'ΐΰ',
    'final-sigma': 'ΟΔΟΣ',
    'ypogegrammeni': 'ᾳᾼᾀ',
    'titlecase-digraph': 'ǅǄǆ ǈ',
    'kelvin-ohm': 'KΩÅ',
    'long-s': 'ſ',
    'cherokee': 'ꭰᏸ',
    'georgian': 'აბ ᲐᲑ',
    'deseret': '𐐨𐐀',
    'armenian-ligature': 'և',
    'unicode-16-only': 'ᲉᲊꟋꟌ',
    'turkish-words': 'İyi günler ıssız',
    'mixed-ascii': 'Hello wORLD_x-y z',
}
# Go's regexp semantics on RE2: empty matches next to a match, expansion, n limits.
REGEX = {
    'findall-star-empty': '{{ regexFindAll "a*" "baaab" -1 }}',
    'findall-empty-pattern': '{{ regexFindAll "" "héllo" -1 }}',
    'findall-n': '{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}',
    'findall-n-zero': '{{ regexFindAll "[0-9]+" "a1b22c333" 0 }}',
    'find-leftmost-first': '{{ regexFind "a|ab" "ab" }}',
    'find-alternation-order': '{{ regexFind "(a|ab)(c|bcd)(d*)" "abcd" }}',
    'replace-star-empty': '{{ regexReplaceAll "a*" "baaab" "-" }}',
    'replace-x-star': '{{ regexReplaceAll "x*" "abc" "-" }}',
    'replace-expand-numbered': r'{{ regexReplaceAll `(\w+)@(\w+)` "me@host you@there" "$2 at ${1}" }}',
    'replace-expand-named': r'{{ regexReplaceAll `(?P<user>\w+)@(?P<host>\w+)` "me@host" "${host}/$user" }}',
    'replace-expand-angle-named': r'{{ regexReplaceAll `(?<user>\w+)@` "me@host" "[$user]" }}',
    'replace-expand-greedy-name': '{{ regexReplaceAll "(a)" "a" "$1x" }}',
    'replace-expand-dollar': '{{ regexReplaceAll "a" "a" "$$1" }}',
    'replace-expand-unknown': '{{ regexReplaceAll "(a)" "a" "<$9><$nope>" }}',
    'replace-literal': '{{ regexReplaceAllLiteral "a(b)" "abab" "$1" }}',
    'replace-unicode': '{{ regexReplaceAll "é+" "héééllo" "e" }}',
    'split-all': '{{ regexSplit "z+" "pizza" -1 }}',
    'split-n': '{{ regexSplit "," "a,b,c,d" 2 }}',
    'split-empty-pattern': '{{ regexSplit "" "abc" -1 }}',
    'split-empty-input': '{{ regexSplit "x" "" -1 }}',
    'split-star': '{{ regexSplit "a*" "baaac" -1 }}',
    'match-anchors': r'{{ regexMatch "^a.c$" "abc" }} {{ regexMatch "^b" "abc" }} {{ regexMatch "c$" "abc\n" }}',
    'match-multiline': r'{{ regexMatch "(?m)^b$" "a\nb\nc" }}',
    'match-case-insensitive': '{{ regexMatch "(?i)STRASSE" "strasse" }}',
    'ungreedy-flag': '{{ regexFind "(?U)a+" "aaa" }}',
    'quote-meta': '{{ regexQuoteMeta "1.5*[x]$" }}',
    'quoted-literal': r'{{ regexFind `\Qa.b\E+` "a.bbb" }}',
    'perl-classes-ascii': r'{{ regexFindAll `\d+|\w+` "٣ abc 12" -1 }}',
    'posix-class': '{{ regexFindAll "[[:upper:]]+" "abcDEFgh" -1 }}',
    'unicode-class': r'{{ regexFindAll `\p{Greek}+` "abc αβγ" -1 }}',
    'word-boundary': r'{{ regexFindAll `\bfoo\b` "foo foobar foo" -1 }}',
    'bad-backreference': r'{{ mustRegexMatch `(a)\1` "aa" }}',
    'bad-lookahead': '{{ mustRegexMatch "a(?=b)" "ab" }}',
    'bad-plain-match-is-false': '{{ regexMatch "(" "(" }}',
    'bad-find-panics': '{{ regexFind "[" "x" }}',
    'bad-repeat': '{{ mustRegexFind "a{1001}" "a" }}',
}

CASE_FUNCS = ['lower', 'upper', 'title', 'untitle', 'swapcase', 'camelcase', 'snakecase', 'kebabcase', 'initials']


def cases():
    for name, template in SPLIT.items():
        yield {'id': 'extra-split-' + name, 'category': 'sprig-split-typed-map', 'template': template, 'data': {}}
    for name, template in REGEX.items():
        yield {'id': 'extra-regex-' + name, 'category': 'sprig-regex-re2', 'template': template, 'data': {}}
    for name, text in CASE_INPUTS.items():
        for fn in CASE_FUNCS:
            yield {'id': f'extra-case-{fn}-{name}', 'category': 'sprig-case-mapping',
                   'template': '{{ ' + fn + ' .s }}', 'data': {'s': text}}


def main():
    gorender = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser('~/.cache/gorender/src/gorender')
    here = os.path.dirname(os.path.abspath(__file__))
    all_cases = list(cases())
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, 'in.jsonl'), os.path.join(tmp, 'out.jsonl')
        with open(src, 'w') as f:
            for c in all_cases:
                f.write(json.dumps({'id': c['id'], 'template': c['template'], 'data': c['data']}) + '\n')
        subprocess.run([gorender, '-batch', src, dst], check=True, env=dict(os.environ, TZ='UTC'))
        results = {}
        with open(dst) as f:
            for line in f:
                r = json.loads(line)
                results[r['id']] = r
    with open(os.path.join(here, 'extra-cases.jsonl'), 'w') as out:
        for c in all_cases:
            r = results[c['id']]
            row = dict(c)
            row['numbers'] = 'int64'
            if r['error'] is None:
                row['expect_output'] = r['output']
                row['expect_error'] = False
            else:
                row['expect_error'] = True
                row['go_error_message'] = r['error']
                row['error_phase'] = r.get('phase', '')
            out.write(json.dumps(row, ensure_ascii=False) + '\n')
    print(f'{len(all_cases)} cases written')


if __name__ == '__main__':
    main()
