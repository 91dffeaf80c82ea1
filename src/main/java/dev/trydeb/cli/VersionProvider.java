package dev.trydeb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/trydeb.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"trydeb " + properties.getProperty("version", "unknown")};
    }
}
