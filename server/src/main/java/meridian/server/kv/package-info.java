/**
 * The key/value service. Node-local until the replication issue puts a Paxos group under it;
 * writes commit-wait (see {@link meridian.server.kv.LocalKvStore}).
 */
package meridian.server.kv;
