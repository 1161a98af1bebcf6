"""Reads `jfr print --events jdk.ExecutionSample` from stdin; prints the hottest methods on top of the
stack, then each gateway method's inclusive share of the samples (time spent in it and what it calls)."""
import collections
import re
import sys

top, inclusive, samples = collections.Counter(), collections.Counter(), 0
for event in sys.stdin.read().split('jdk.ExecutionSample')[1:]:
    frames = re.findall(r'^\s+([\w.$<>]+)\(', event, re.M)
    if not frames:
        continue
    samples += 1
    top[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
print(f'{samples} samples')
print('-- hottest methods (top of stack)')
for method, count in top.most_common(20):
    print(f'{100.0 * count / samples:5.1f}%  {method}')
print('-- gateway methods, inclusive')
for method, count in inclusive.most_common():
    if 'apigateway' in method and count * 100 >= samples:
        print(f'{100.0 * count / samples:5.1f}%  {method}')
