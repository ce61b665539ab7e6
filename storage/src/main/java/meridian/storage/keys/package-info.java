/**
 * Order-preserving key encoding: typed values in, byte strings out, such that RocksDB's unsigned
 * lexicographic byte order equals SQL order.
 *
 * <h2>Guarantee</h2>
 * For two tuples built by {@link meridian.storage.keys.KeyEncoder} with the same types and
 * {@link meridian.storage.keys.SortOrder orders} per position (any component may be NULL),
 * {@code sign(Arrays.compareUnsigned(encA, encB)) == sign(compare(tupleA, tupleB))}, where tuples
 * compare component by component and a proper prefix sorts first. {@link
 * meridian.storage.keys.KeyDecoder} reads back exactly what was written (except that every NaN
 * comes back as the canonical {@link java.lang.Double#NaN}).
 *
 * <h2>Layout of one component</h2>
 * A tag byte ({@link meridian.storage.keys.KeyType}), then the payload:
 * <ul>
 *   <li>NULL {@code 0x05}: no payload. Its tag is the smallest, so NULL sorts first in ASC and
 *       last in DESC.
 *   <li>BOOLEAN {@code 0x10}: one byte, 0 or 1 (false &lt; true).
 *   <li>INT64 {@code 0x20} and TIMESTAMP {@code 0x38} (int64 microseconds): 8 bytes big-endian with
 *       the sign bit flipped.
 *   <li>UINT64 {@code 0x28}: 8 bytes big-endian.
 *   <li>FLOAT64 {@code 0x30}: the IEEE bits, big-endian, with the sign bit flipped for positive
 *       numbers and all bits flipped for negative ones. The order is that of {@link
 *       java.lang.Double#compare}: -inf &lt; ... &lt; -0.0 &lt; +0.0 &lt; ... &lt; +inf &lt; NaN. We chose
 *       {@code -0.0 < +0.0} (two distinct keys) so that every double round-trips; a SQL layer that
 *       wants {@code -0.0 = +0.0} must normalize before encoding. NaN of either sign and any
 *       payload is stored as one canonical NaN that sorts after +inf.
 *   <li>STRING {@code 0x40} (UTF-8) and BYTES {@code 0x48}: {@link
 *       meridian.storage.keys.EscapedBytes}: {@code 0x00} becomes {@code 0x00 0xFF}, and the
 *       component ends with {@code 0x00 0x01}. Strings therefore order by code point.
 * </ul>
 * A DESC component is the bitwise complement of the whole ASC component, tag and terminator
 * included. ASC tags are below {@code 0x80} and DESC tags above, so a component's first byte tells
 * both its type and its order.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Every component encoding is prefix-free among encodings of the same column (fixed-width
 *       payloads, or a terminator that cannot occur inside an escaped body). Hence the first byte
 *       where two tuples differ lies inside the first component where they differ, and a DESC
 *       component's complement reverses exactly that component's order.
 *   <li>Tags of different types are distinct, but comparing encodings of different non-NULL types
 *       in one position orders them by tag, which has no SQL meaning.
 *   <li>An encoded key is at most {@link meridian.storage.keys.KeyEncoder#ENCODED_LENGTH_MAX_BYTES}.
 * </ul>
 *
 * <h2>Hazards</h2>
 * HAZARD: the encoding is persistent. Changing a tag or a payload layout reorders or corrupts every
 * stored key; a change needs a new format version and a migration.
 *
 * <p>HAZARD: a schema that changes a column's type or order in place makes old and new keys
 * compare meaninglessly. Decoding with the wrong schema throws, but comparisons fail silently.
 */
package meridian.storage.keys;
