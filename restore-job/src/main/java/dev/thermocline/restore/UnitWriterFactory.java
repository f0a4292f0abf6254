package dev.thermocline.restore;

import java.io.IOException;
import java.io.Serializable;

/** Opens a unit's writer on a worker; made by {@link RestoreOutput#prepare} on the client. */
@FunctionalInterface
public interface UnitWriterFactory extends Serializable {

    UnitWriter open(int unit) throws IOException;
}
