package tradeoffs.sweep;

/**
 * A deterministic slice of a sweep grid for cluster job arrays: shard I of N holds the points
 * whose index i satisfies i mod N = I (round-robin, so shards get a similar mix of kinds and
 * costs). Shards are 0-based: {@code --array=0-(N-1)} in SLURM.
 *
 * @param index I, 0 ≤ I &lt; N
 * @param count N ≥ 1
 */
public record Shard(int index, int count) {
    /** The whole grid. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new tradeoffs.theory.ParameterException("shard", "must be I/N with 0 <= I < N", index + "/" + count);
        }
    }

    /** Parses "I/N". */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new tradeoffs.theory.ParameterException("shard", "must be I/N with 0 <= I < N", "'" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new tradeoffs.theory.ParameterException("shard", "must be I/N with 0 <= I < N", "'" + text + "'");
        }
    }

    /**
     * A number of its own for this shard among all shards I/N (N(N−1)/2 + I): the slot of the
     * results folder's lock it holds, so the same shard cannot run twice at once into one folder.
     */
    public long slot() {
        return (long) count * (count - 1) / 2 + index;
    }

    /** True if point {@code i} belongs to this shard. */
    public boolean contains(int i) {
        return i % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
