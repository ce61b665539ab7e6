package meridian.storage;

/**
 * What one {@link MvccStore#gcBelow} call did.
 *
 * @param versionsExamined versions looked at, at most the bound passed in
 * @param versionsDeleted versions removed
 * @param resumeKey the user key to pass to the next call; null when the whole key space is done
 */
public record GcResult(long versionsExamined, long versionsDeleted, byte[] resumeKey) {
    public boolean done() {
        return resumeKey == null;
    }
}
