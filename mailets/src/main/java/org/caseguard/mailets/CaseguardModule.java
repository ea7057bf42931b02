package org.caseguard.mailets;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Properties;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.journal.store.Journal;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice bindings for caseguard's mailets, matchers and WebAdmin routes: the registry store configured by
 * {@code conf/caseguard.properties} (embedded H2 under the working directory when the file is absent).
 * Installed through {@code extensions.properties} ({@code guice.extension.module}) in the embedded server and
 * in a stock James alike.
 */
public class CaseguardModule extends AbstractModule {
    static final String CONFIGURATION_FILE = "caseguard";

    @Provides
    @Singleton
    RegistryStore registryStore(PropertiesProvider propertiesProvider, JamesDirectoriesProvider directories)
        throws ConfigurationException {
        return SharedRegistryStores.open(readProperties(propertiesProvider), Path.of(directories.getRootDirectory()));
    }

    @Provides
    @Singleton
    Journal journal(PropertiesProvider propertiesProvider, JamesDirectoriesProvider directories) throws ConfigurationException {
        return SharedJournal.open(readProperties(propertiesProvider), Path.of(directories.getRootDirectory()));
    }

    @Provides
    @Singleton
    JournalServices journalServices(PropertiesProvider propertiesProvider, JamesDirectoriesProvider directories, RegistryStore registry)
        throws ConfigurationException {
        return JournalServices.open(readProperties(propertiesProvider), Path.of(directories.getRootDirectory()), registry);
    }

    private static Properties readProperties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Properties properties = new Properties();
        try {
            Configuration configuration = propertiesProvider.getConfiguration(CONFIGURATION_FILE);
            for (Iterator<String> keys = configuration.getKeys(); keys.hasNext(); ) {
                String key = keys.next();
                // James's properties reader splits values at commas; caseguard keys take lists as comma-separated text.
                properties.setProperty(key, String.join(",", configuration.getStringArray(key)));
            }
        } catch (FileNotFoundException e) {
            // No caseguard.properties: the embedded defaults apply.
        }
        return properties;
    }
}
