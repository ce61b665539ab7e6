/**
 * The commands of the {@code meridian} launcher (picocli). Every failure ends as one line on
 * stderr and a non-zero exit; see {@link meridian.server.cli.Main}.
 */
package meridian.server.cli;
