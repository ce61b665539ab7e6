package meridian.truetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TTIntervalTest {

  @Test
  void epsilonIsHalfTheWidthRoundedUp() {
    assertThat(new TTInterval(100, 110).epsilonMicros()).isEqualTo(5);
    assertThat(new TTInterval(100, 111).epsilonMicros()).isEqualTo(6);
    assertThat(new TTInterval(100, 100).epsilonMicros()).isZero();
  }

  @Test
  void midpointAndContains() {
    TTInterval interval = new TTInterval(-10, 11);
    assertThat(interval.midpointMicros()).isZero();
    assertThat(interval.contains(-10)).isTrue();
    assertThat(interval.contains(11)).isTrue();
    assertThat(interval.contains(12)).isFalse();
  }

  @Test
  void rejectsEarliestAfterLatest() {
    assertThatThrownBy(() -> new TTInterval(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void masterReadingOffsetIsCentredOnHalfTheRoundTrip() {
    // Sent at 1000, received at 3000 (local), master said 5000 +- 500.
    MasterReading reading = new MasterReading("m", 1_000, 3_000, 5_000, 500);
    OffsetRange offset = reading.offsetRange();
    assertThat(offset.centreMicros()).isEqualTo(5_000 + 1_000 - 3_000);
    assertThat(offset.halfWidthMicros()).isEqualTo(1_000 + 500);
  }

  @Test
  void masterReadingWithNegativeRoundTripIsInvalidNotAnError() {
    MasterReading reading = new MasterReading("m", 3_000, 1_000, 5_000, 500);
    assertThat(reading.isValid()).isFalse();
    assertThat(reading.invalidReason()).get().asString().contains("stepped back");
    assertThatThrownBy(reading::offsetRange).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configDefaultsAreThePapersFigures() {
    TrueTimeConfig config = TrueTimeConfig.defaults();
    assertThat(config.driftRatePpm()).isEqualTo(200);
    assertThat(config.syncTimeoutMicros()).isEqualTo(10_000_000);
    assertThat(config.stepToleranceMicros()).isEqualTo(5_000);
    assertThat(config.recoverySyncs()).isEqualTo(2);
    assertThat(config.minMastersAnswering()).isEqualTo(1);
    assertThat(config.masterEpsilonMicros()).isEqualTo(500);
    assertThat(config.withDriftRatePpm(50).driftRatePpm()).isEqualTo(50);
    assertThatThrownBy(() -> config.withRecoverySyncs(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quorumIsAMajorityOfThoseAnsweringAndAtLeastTheMinimum() {
    TrueTimeConfig config = TrueTimeConfig.defaults();
    assertThat(config.quorumFor(1)).isEqualTo(1);
    assertThat(config.quorumFor(2)).isEqualTo(2);
    assertThat(config.quorumFor(3)).isEqualTo(2);
    assertThat(config.quorumFor(5)).isEqualTo(3);
    assertThat(config.withMinMastersAnswering(2).quorumFor(1)).isEqualTo(2);
  }
}
