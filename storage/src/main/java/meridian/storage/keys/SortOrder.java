package meridian.storage.keys;

/**
 * The direction in which one key component sorts.
 *
 * <p>{@link #DESC} components are stored as the bitwise complement of their {@link #ASC}
 * encoding, tag byte and terminator included, so one unsigned byte comparison serves both.
 */
public enum SortOrder {
    ASC(0x00),
    DESC(0xFF);

    /** XOR-ed into every byte of a component: 0x00 leaves it as is, 0xFF complements it. */
    final int mask;

    SortOrder(int mask) {
        this.mask = mask;
    }
}
