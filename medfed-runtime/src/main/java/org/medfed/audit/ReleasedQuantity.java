package org.medfed.audit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One released quantity as the audit log records it: never the values, only name, shape,
 * aggregation and a SHA-256 digest of the values. The digest lets an auditor who is shown a
 * value later (by the hub, or in a dispute) prove it is exactly what left the site, while the log
 * itself stays as harmless to read as the list of names.
 *
 * @param name        the quantity's declared name, e.g. {@code xtwx}
 * @param shape       array dimensions, e.g. {@code {3, 3}}; {@code {}} for a scalar
 * @param aggregation how the hub combines it ({@code SUM}, {@code PER_SITE}, {@code UNION})
 * @param sha256      lowercase hex SHA-256 of the values; see {@link #ofNumbers} and {@link #ofLabels}
 */
public record ReleasedQuantity(String name, int[] shape, String aggregation, String sha256) {

    public ReleasedQuantity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(sha256, "sha256");
        shape = shape == null ? new int[0] : shape.clone();
    }

    /**
     * Digest of numbers: SHA-256 over each value's IEEE-754 bits ({@link Double#doubleToRawLongBits})
     * as 8 little-endian bytes, in array order. Raw bits, so -0.0 and NaN payloads are told apart:
     * the digest certifies the exact bytes, not a rounded print.
     */
    public static ReleasedQuantity ofNumbers(String name, int[] shape, String aggregation, double[] values) {
        MessageDigest sha = newDigest();
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (!buf.hasRemaining()) {
                sha.update(buf.flip());
                buf.clear();
            }
            buf.putLong(Double.doubleToRawLongBits(v));
        }
        sha.update(buf.flip());
        return new ReleasedQuantity(name, shape, aggregation, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Digest of labels: SHA-256 over the UTF-8 bytes of each label followed by one {@code '\n'}, in
     * list order (so {@code ["a","b"]} hashes the bytes {@code a\nb\n}, which {@code sha256sum} of a
     * one-label-per-line file reproduces). Shape is {@code {labels.size()}}.
     */
    public static ReleasedQuantity ofLabels(String name, String aggregation, List<String> labels) {
        MessageDigest sha = newDigest();
        for (String label : labels) {
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return new ReleasedQuantity(name, new int[] {labels.size()}, aggregation,
                HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** {@code xtwx[3,3] 1f2e3d4c5b6a}: name, shape and the digest's first 12 hex digits. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append("] ").append(sha256, 0, Math.min(12, sha256.length())).toString();
    }

    // Records compare arrays by identity; a quantity is a value, so compare the shape's contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof ReleasedQuantity q && name.equals(q.name) && Arrays.equals(shape, q.shape)
                && aggregation.equals(q.aggregation) && sha256.equals(q.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), aggregation, sha256);
    }

    @Override
    public String toString() {
        return "ReleasedQuantity[" + name + Arrays.toString(shape) + " " + aggregation + " " + sha256 + "]";
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
