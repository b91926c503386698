package io.salespulse.job;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a dead letter keeps of a rejected record's value: its start as text, at most {@code maxBytes} bytes of UTF-8
 * (cut at a character boundary; bytes that are not UTF-8 shown as U+FFFD), and the size and SHA-256 of the whole
 * value. Computed on the
 * executors, so a batch of huge junk costs the driver at most {@code maxBytes} per record. The whole record stays in
 * Kafka at its partition and offset for the topic's retention.
 */
record DeadLetterPayload(String excerpt, long bytes, String sha256) {

    static DeadLetterPayload of(byte[] value, int maxBytes) {
        if (value == null) {
            return new DeadLetterPayload(null, 0, null);
        }
        int end = Math.min(value.length, maxBytes);
        if (end < value.length) {
            while (end > 0 && (value[end] & 0xC0) == 0x80) {
                end--; // do not split a multi-byte character
            }
        }
        return new DeadLetterPayload(fitUtf8(lenientUtf8(value, end), maxBytes), value.length, sha256(value));
    }

    /** The longest prefix whose UTF-8 takes at most {@code maxBytes}: each invalid byte shown as U+FFFD takes three. */
    private static String fitUtf8(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return text.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text;
    }

    boolean truncated() {
        return excerpt != null && excerpt.getBytes(StandardCharsets.UTF_8).length < bytes;
    }

    private static String lenientUtf8(byte[] value, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(value, 0, length)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder never fails", e);
        }
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** At most {@code max} characters, never ending in half a surrogate pair (which no store could encode). */
    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
