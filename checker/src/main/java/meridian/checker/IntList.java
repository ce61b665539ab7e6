package meridian.checker;

import java.util.Arrays;

/** A growable list of ints without boxing, for the per-element and per-node indexes. */
final class IntList {

  // Invariant: 0 <= size <= items.length.
  private int[] items = new int[4];
  private int size;

  void add(int item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = item;
  }

  int get(int i) {
    if (i >= size) {
      throw new IndexOutOfBoundsException(i + " of " + size);
    }
    return items[i];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int last() {
    return get(size - 1);
  }

  /** The first position holding an item {@code >= item}; the list must be ascending. */
  int lowerBound(int item) {
    int i = Arrays.binarySearch(items, 0, size, item);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && items[i - 1] == item) {
      i--;
    }
    return i;
  }
}
