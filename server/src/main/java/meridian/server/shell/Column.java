package meridian.server.shell;

/** A result column: its label, and whether its values are numbers (aligned right in tables). */
record Column(String label, boolean numeric) {}
