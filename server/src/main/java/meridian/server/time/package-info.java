/**
 * TrueTime over gRPC: {@link meridian.server.time.TimeMasterService} answers as a time master,
 * {@link meridian.server.time.TimeSyncLoop} polls every peer at a fixed interval, in parallel and
 * with a deadline, and feeds the answers to {@link meridian.truetime.TrueTime}. A master whose own
 * TrueTime is fenced stops answering, so nodes never take time from a reference that knows it is
 * wrong.
 */
package meridian.server.time;
