package meridian.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Property tests: byte order of encodings equals the order of the values, and decoding inverts
 * encoding. Replay a failure with {@code -Dmeridian.seed=SEED}.
 */
class KeyEncodingPropertyTest {
    private static final int CASES_PER_TYPE_AND_ORDER = 20_000;
    private static final int TUPLE_CASES = 20_000;
    private static long seed;

    @BeforeAll
    static void chooseSeed() {
        seed = Long.getLong("meridian.seed", new SplittableRandom().nextLong());
        System.out.println("KeyEncodingPropertyTest seed=" + seed + " (replay with -Dmeridian.seed=" + seed + ")");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void byteOrderEqualsValueOrderAndRoundTrips(KeyType type) {
        for (SortOrder order : SortOrder.values()) {
            SplittableRandom random = new SplittableRandom(seed ^ (type.ordinal() * 31L + order.ordinal()));
            ComponentGenerator generator = new ComponentGenerator(random);
            for (int i = 0; i < CASES_PER_TYPE_AND_ORDER; i++) {
                Component a = generator.next(type, order, 5);
                Component b = generator.next(type, order, 5);
                checkPair(a, b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void edgeCasesCompareInEveryPairAndRoundTrip(KeyType type) {
        List<Object> edges = new ArrayList<>();
        edges.add(null);
        switch (type) {
            case NULL -> {}
            case BOOLEAN -> edges.addAll(List.of(false, true));
            case INT64, UINT64, TIMESTAMP -> edges.addAll(ComponentGenerator.LONG_EDGES);
            case FLOAT64 -> edges.addAll(ComponentGenerator.DOUBLE_EDGES);
            case STRING -> edges.addAll(ComponentGenerator.STRING_EDGES);
            case BYTES -> {
                edges.addAll(ComponentGenerator.BYTES_EDGES);
                edges.add(filled(100, (byte) 0x00));
                edges.add(filled(100, (byte) 0xFF));
                edges.add(filled(99, (byte) 0x00));
            }
        }
        for (SortOrder order : SortOrder.values()) {
            for (Object x : edges) {
                for (Object y : edges) {
                    checkPair(new Component(type, order, x), new Component(type, order, y));
                }
            }
        }
    }

    @Test
    void mixedTuplesCompareLexicographicallyAndRoundTrip() {
        SplittableRandom random = new SplittableRandom(seed);
        ComponentGenerator generator = new ComponentGenerator(random);
        KeyType[] types = Arrays.stream(KeyType.values()).filter(t -> t != KeyType.NULL).toArray(KeyType[]::new);
        for (int i = 0; i < TUPLE_CASES; i++) {
            int columns = random.nextInt(1, 6);
            List<Component> schema = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                schema.add(new Component(types[random.nextInt(types.length)], random.nextBoolean() ? SortOrder.ASC : SortOrder.DESC, null));
            }
            List<Component> a = tuple(generator, schema, random);
            List<Component> b = random.nextInt(4) == 0 ? mutateOne(generator, a, random) : tuple(generator, schema, random);
            checkTuples(a, b);
        }
    }

    @Test
    void aPrefixTupleSortsFirstAndComponentBoundariesHold() {
        // ("a", 1) vs ("a\0", 0): the terminator of "a" must win over the later components.
        List<Component> a = List.of(str("a"), int64(1));
        List<Component> b = List.of(str("a\0"), int64(0));
        checkTuples(a, b);
        checkTuples(List.of(str("a")), List.of(str("a"), int64(Long.MIN_VALUE)));
        checkTuples(List.of(bytes(new byte[] {0})), List.of(bytes(new byte[0]), int64(Long.MAX_VALUE)));
    }

    private static List<Component> tuple(ComponentGenerator generator, List<Component> schema, SplittableRandom random) {
        int length = random.nextInt(4) == 0 ? random.nextInt(schema.size() + 1) : schema.size();
        List<Component> tuple = new ArrayList<>();
        for (int c = 0; c < length; c++) {
            Component column = schema.get(c);
            // Small domains make equal leading components common, so later components get compared.
            Component value = random.nextInt(3) == 0
                    ? new Component(column.type(), column.order(), smallValue(column.type(), random))
                    : generator.next(column.type(), column.order(), 15);
            tuple.add(value);
        }
        return tuple;
    }

    private static List<Component> mutateOne(ComponentGenerator generator, List<Component> tuple, SplittableRandom random) {
        List<Component> copy = new ArrayList<>(tuple);
        if (!copy.isEmpty()) {
            int at = random.nextInt(copy.size());
            Component column = copy.get(at);
            copy.set(at, generator.next(column.type(), column.order(), 15));
        }
        return copy;
    }

    private static Object smallValue(KeyType type, SplittableRandom random) {
        return switch (type) {
            case NULL -> null;
            case BOOLEAN -> random.nextBoolean();
            case INT64, UINT64, TIMESTAMP -> (long) random.nextInt(-1, 2);
            case FLOAT64 -> new double[] {-0.0, 0.0, 1.0}[random.nextInt(3)];
            case STRING -> new String[] {"", "a", "a\0"}[random.nextInt(3)];
            case BYTES -> new byte[][] {{}, {0}, {0, 0}}[random.nextInt(3)].clone();
        };
    }

    private static void checkPair(Component a, Component b) {
        checkTuples(List.of(a), List.of(b));
    }

    private static void checkTuples(List<Component> a, List<Component> b) {
        byte[] encodedA = encode(a);
        byte[] encodedB = encode(b);
        int expected = Integer.signum(compareTuples(a, b));
        int actual = Integer.signum(Arrays.compareUnsigned(encodedA, encodedB));
        assertThat(actual).as("seed %d: compare %s vs %s", seed, a, b).isEqualTo(expected);
        checkRoundTrip(a, encodedA);
        checkRoundTrip(b, encodedB);
    }

    private static void checkRoundTrip(List<Component> tuple, byte[] encoded) {
        KeyDecoder decoder = new KeyDecoder(encoded);
        for (Component component : tuple) {
            assertThat(decoder.peekOrder()).isEqualTo(component.order());
            Component decoded = component.readFrom(decoder);
            assertThat(Component.compare(component, decoded)).as("seed %d: round trip of %s gave %s", seed, component, decoded).isZero();
        }
        assertThat(decoder.hasRemaining()).as("seed %d: bytes left after %s", seed, tuple).isFalse();
        // Skipping without a schema lands on the same boundaries.
        KeyDecoder skipper = new KeyDecoder(encoded);
        for (int i = 0; i < tuple.size(); i++) {
            skipper.skipComponent();
        }
        assertThat(skipper.hasRemaining()).isFalse();
    }

    private static int compareTuples(List<Component> a, List<Component> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Component.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static byte[] encode(List<Component> tuple) {
        KeyEncoder encoder = new KeyEncoder();
        tuple.forEach(component -> component.appendTo(encoder));
        return encoder.toBytes();
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static Component str(String value) {
        return new Component(KeyType.STRING, SortOrder.ASC, value);
    }

    private static Component int64(long value) {
        return new Component(KeyType.INT64, SortOrder.ASC, value);
    }

    private static Component bytes(byte[] value) {
        return new Component(KeyType.BYTES, SortOrder.DESC, value);
    }
}
