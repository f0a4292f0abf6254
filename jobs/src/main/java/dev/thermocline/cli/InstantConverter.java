package dev.thermocline.cli;

import dev.thermocline.core.restore.InstantParser;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --as-of}, {@code --from}, {@code --to}: an ISO-8601 instant or epoch milliseconds
 * (core's {@link InstantParser}).
 */
final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return InstantParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
