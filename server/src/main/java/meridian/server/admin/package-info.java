/**
 * Status, detailed health, and clock fault injection (refused unless the node was started with
 * --allow-fault-injection).
 */
package meridian.server.admin;
