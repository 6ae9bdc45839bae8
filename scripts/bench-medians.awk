# Reads `go test -bench` output and passes it through, then prints each
# benchmark's median time per operation over its runs (-count=N), the
# figure docs/performance.md records. Plain awk (mawk has no asort).
/^Benchmark/ {
	print
	name = $1
	sub(/-[0-9]+$/, "", name)
	for (i = 3; i <= NF; i++) if ($i == "ns/op") {
		if (!(name in runs)) order[++names] = name
		runs[name]++
		ns[name, runs[name]] = $(i - 1) + 0
	}
	next
}
{ print }
END {
	if (!names) exit
	print "\nmedian of each (ms/op, runs):"
	for (k = 1; k <= names; k++) {
		name = order[k]
		n = runs[name]
		for (i = 1; i <= n; i++) v[i] = ns[name, i]
		for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		printf "  %-60s %12.3f  (%d)\n", name, m / 1e6, n
	}
}
