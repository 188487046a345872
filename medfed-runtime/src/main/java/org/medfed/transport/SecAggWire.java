package org.medfed.transport;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.secagg.EncryptedShares;
import org.medfed.secagg.KeyAdvertisement;
import org.medfed.secagg.MaskRequest;
import org.medfed.secagg.MaskedInput;
import org.medfed.secagg.UnmaskRequest;
import org.medfed.secagg.UnmaskResponse;

/**
 * Byte encodings of the secure-aggregation records for {@code SecAggPart.body}: a fixed field
 * order with length-prefixed strings, byte arrays, lists and maps (DataOutputStream). Malformed
 * bodies are protocol errors.
 */
public final class SecAggWire {
    private SecAggWire() {
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static ByteString encode(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            w.write(out);
            out.flush();
            return ByteString.copyFrom(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T decode(ByteString body, String what, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(body.newInput())) {
            T value = r.read(in);
            if (in.available() > 0) {
                throw new ProtocolException("malformed " + what + ": trailing bytes");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProtocolException pe) {
                throw pe;
            }
            throw new ProtocolException("malformed " + what + ": " + e.getMessage());
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new IOException("bad count " + n);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static void byteMap(DataOutputStream out, Map<String, byte[]> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            bytes(out, e.getValue());
        }
    }

    private static Map<String, byte[]> byteMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new IOException("bad count " + n);
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(in.readUTF(), bytes(in));
        }
        return out;
    }

    public static ByteString advertisement(KeyAdvertisement a) {
        return encode(out -> writeAdvertisement(out, a));
    }

    private static void writeAdvertisement(DataOutputStream out, KeyAdvertisement a) throws IOException {
        out.writeUTF(a.jobId());
        out.writeUTF(a.site());
        bytes(out, a.cipherPublicKey());
        bytes(out, a.maskPublicKey());
        bytes(out, a.signature());
    }

    private static KeyAdvertisement readAdvertisement(DataInputStream in) throws IOException {
        return new KeyAdvertisement(in.readUTF(), in.readUTF(), bytes(in), bytes(in), bytes(in));
    }

    public static KeyAdvertisement advertisement(ByteString body) {
        return decode(body, "key advertisement", SecAggWire::readAdvertisement);
    }

    public static ByteString advertisements(List<KeyAdvertisement> list) {
        return encode(out -> {
            out.writeInt(list.size());
            for (KeyAdvertisement a : list) {
                writeAdvertisement(out, a);
            }
        });
    }

    public static List<KeyAdvertisement> advertisements(ByteString body) {
        return decode(body, "key advertisements", in -> {
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("bad count " + n);
            }
            List<KeyAdvertisement> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(readAdvertisement(in));
            }
            return out;
        });
    }

    public static ByteString shares(List<EncryptedShares> list) {
        return encode(out -> {
            out.writeInt(list.size());
            for (EncryptedShares s : list) {
                out.writeUTF(s.jobId());
                out.writeUTF(s.from());
                out.writeUTF(s.to());
                bytes(out, s.nonce());
                bytes(out, s.ciphertext());
            }
        });
    }

    public static List<EncryptedShares> shares(ByteString body) {
        return decode(body, "encrypted shares", in -> {
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("bad count " + n);
            }
            List<EncryptedShares> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new EncryptedShares(in.readUTF(), in.readUTF(), in.readUTF(), bytes(in), bytes(in)));
            }
            return out;
        });
    }

    public static ByteString maskRequest(MaskRequest r) {
        return encode(out -> {
            out.writeUTF(r.jobId());
            out.writeInt(r.round());
            strings(out, r.participants());
        });
    }

    public static MaskRequest maskRequest(ByteString body) {
        return decode(body, "mask request", in -> new MaskRequest(in.readUTF(), in.readInt(), strings(in)));
    }

    public static ByteString maskedInput(MaskedInput m) {
        return encode(out -> {
            out.writeUTF(m.jobId());
            out.writeInt(m.round());
            out.writeUTF(m.site());
            out.writeInt(m.quantities().size());
            for (Map.Entry<String, long[]> q : m.quantities().entrySet()) {
                out.writeUTF(q.getKey());
                out.writeInt(q.getValue().length);
                // one bulk copy, big-endian as writeLong would write each word
                ByteBuffer words = ByteBuffer.allocate(8 * q.getValue().length);
                words.asLongBuffer().put(q.getValue());
                out.write(words.array());
            }
        });
    }

    public static MaskedInput maskedInput(ByteString body) {
        return decode(body, "masked input", in -> {
            String job = in.readUTF();
            int round = in.readInt();
            String site = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("bad count " + n);
            }
            Map<String, long[]> q = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int len = in.readInt();
                // bounded by the bytes present, not by a fixed cap: a large round now travels in
                // MaskedChunks (MaskedInputAssembler), and this body is at most one message
                if (len < 0 || (long) len * Long.BYTES > in.available()) {
                    throw new IOException("bad length " + len);
                }
                byte[] raw = new byte[8 * len];
                in.readFully(raw);
                long[] v = new long[len];
                ByteBuffer.wrap(raw).asLongBuffer().get(v);
                q.put(name, v);
            }
            return new MaskedInput(job, round, site, q);
        });
    }

    public static ByteString unmaskRequest(UnmaskRequest r) {
        return encode(out -> {
            out.writeUTF(r.jobId());
            out.writeInt(r.round());
            strings(out, r.survivors());
            strings(out, r.dropped());
        });
    }

    public static UnmaskRequest unmaskRequest(ByteString body) {
        return decode(body, "unmask request", in -> new UnmaskRequest(in.readUTF(), in.readInt(), strings(in), strings(in)));
    }

    public static ByteString unmaskResponse(UnmaskResponse r) {
        return encode(out -> {
            out.writeUTF(r.jobId());
            out.writeInt(r.round());
            out.writeUTF(r.site());
            byteMap(out, r.selfMaskShares());
            byteMap(out, r.maskKeyShares());
        });
    }

    public static UnmaskResponse unmaskResponse(ByteString body) {
        return decode(body, "unmask response",
                in -> new UnmaskResponse(in.readUTF(), in.readInt(), in.readUTF(), byteMap(in), byteMap(in)));
    }
}
