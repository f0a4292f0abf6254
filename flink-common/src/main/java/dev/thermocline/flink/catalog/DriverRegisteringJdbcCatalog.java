package dev.thermocline.flink.catalog;

import java.sql.Driver;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's {@link JdbcCatalog}, which first makes the JDBC drivers beside it known to
 * {@code DriverManager}. {@code DriverManager} registers the drivers of the system class path once
 * per JVM; on a Flink TaskManager or JobManager the driver (SQLite, PostgreSQL…) is in the job
 * bundle, whose class loader it never searched, so Iceberg's {@code getConnection} fails with "No
 * suitable driver" unless something happened to load the driver class first (a JDBC 4 driver
 * registers itself when its class is initialised, which instantiating it through
 * {@link ServiceLoader} does).
 */
public class DriverRegisteringJdbcCatalog extends JdbcCatalog {

    @Override
    public void initialize(String name, Map<String, String> properties) {
        registerDrivers(DriverRegisteringJdbcCatalog.class.getClassLoader());
        super.initialize(name, properties);
    }

    static void registerDrivers(ClassLoader loader) {
        Iterator<Driver> drivers = ServiceLoader.load(Driver.class, loader).iterator();
        while (true) {
            try {
                if (!drivers.hasNext()) {
                    return;
                }
                drivers.next();
            } catch (ServiceConfigurationError unusable) {
                // a listed driver that cannot load (missing dependency) is not the one this catalog uses
            }
        }
    }
}
