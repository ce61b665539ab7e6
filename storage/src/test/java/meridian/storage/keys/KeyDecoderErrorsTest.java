package meridian.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyDecoderErrorsTest {
    @Test
    void readingTheWrongTypeOrOrderThrows() {
        byte[] key = new KeyEncoder().appendInt64(7, SortOrder.ASC).toBytes();
        assertThatThrownBy(() -> new KeyDecoder(key).readUint64(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected UINT64 ASC at offset 0, found INT64 ASC");
        assertThatThrownBy(() -> new KeyDecoder(key).readInt64(SortOrder.DESC))
                .hasMessageContaining("found INT64 ASC");
        byte[] nullKey = new KeyEncoder().appendNull(SortOrder.DESC).toBytes();
        assertThatThrownBy(() -> new KeyDecoder(nullKey).readString(SortOrder.DESC)).hasMessageContaining("found NULL DESC");
    }

    @Test
    void truncatedAndMalformedKeysThrow() {
        byte[] key = new KeyEncoder().appendInt64(7, SortOrder.ASC).toBytes();
        assertThatThrownBy(() -> new KeyDecoder(Arrays.copyOf(key, 5)).readInt64(SortOrder.ASC)).hasMessageContaining("truncated");
        byte[] string = new KeyEncoder().appendString("ab", SortOrder.ASC).toBytes();
        assertThatThrownBy(() -> new KeyDecoder(Arrays.copyOf(string, string.length - 1)).readString(SortOrder.ASC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyDecoder(new byte[] {0x48, 0x00, 0x07}).readBytes(SortOrder.ASC)).hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> new KeyDecoder(new byte[] {0x40, (byte) 0xC3, 0x00, 0x01}).readString(SortOrder.ASC)).hasMessageContaining("malformed UTF-8");
        assertThatThrownBy(() -> new KeyDecoder(new byte[] {0x77}).peekType()).hasMessageContaining("unknown tag 0x77");
        assertThatThrownBy(() -> new KeyDecoder(new byte[0]).peekType()).hasMessageContaining("no component left");
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThatThrownBy(() -> new KeyEncoder().appendString("a\ud800", SortOrder.ASC)).hasMessageContaining("unpaired surrogate at index 1");
        assertThatThrownBy(() -> new KeyEncoder().appendString("\udc00a", SortOrder.ASC)).hasMessageContaining("unpaired surrogate at index 0");
    }

    @Test
    void keysLongerThanTheLimitAreRefused() {
        byte[] ones = new byte[KeyEncoder.ENCODED_LENGTH_MAX_BYTES - 3];
        Arrays.fill(ones, (byte) 1);
        KeyEncoder encoder = new KeyEncoder().appendBytes(ones, SortOrder.ASC);
        assertThat(encoder.length()).isEqualTo(KeyEncoder.ENCODED_LENGTH_MAX_BYTES);
        assertThatThrownBy(() -> encoder.appendNull(SortOrder.ASC)).hasMessageContaining("over the limit");
        assertThat(encoder.length()).isEqualTo(KeyEncoder.ENCODED_LENGTH_MAX_BYTES);
    }

    @Test
    void peekTellsTypeAndOrderWithoutASchema() {
        byte[] key = new KeyEncoder().appendString("x", SortOrder.DESC).appendNull(SortOrder.ASC).toBytes();
        KeyDecoder decoder = new KeyDecoder(key);
        assertThat(decoder.peekType()).isEqualTo(KeyType.STRING);
        assertThat(decoder.peekOrder()).isEqualTo(SortOrder.DESC);
        assertThat(decoder.tryReadNull(SortOrder.DESC)).isFalse();
        assertThat(decoder.readString(SortOrder.DESC)).isEqualTo("x");
        assertThat(decoder.peekType()).isEqualTo(KeyType.NULL);
        assertThat(decoder.tryReadNull(SortOrder.ASC)).isTrue();
        assertThat(decoder.hasRemaining()).isFalse();
    }
}
