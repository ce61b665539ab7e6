package meridian.server.cli;

import meridian.client.NodeAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code host:port}. */
public final class AddressConverter implements ITypeConverter<NodeAddress> {
  @Override
  public NodeAddress convert(String value) {
    try {
      return NodeAddress.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
