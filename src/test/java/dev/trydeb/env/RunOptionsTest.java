package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
    @Test
    void areDefaults_ofTheDefaults() {
        assertTrue(RunOptions.defaults().areDefaults());
    }

    /** Every component, a new one included, is one areDefaults must check. */
    @Test
    void areDefaults_isFalseWhenAnyOneComponentDiffers() throws ReflectiveOperationException {
        RecordComponent[] components = RunOptions.class.getRecordComponents();
        Constructor<RunOptions> canonical = RunOptions.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        RunOptions defaults = RunOptions.defaults();
        for (int changed = 0; changed < components.length; changed++) {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(defaults);
            }
            values[changed] = otherThan(values[changed]);
            RunOptions options = canonical.newInstance(values);
            assertFalse(options.areDefaults(), components[changed].getName() + " changed: " + options);
        }
    }

    private static Object otherThan(Object value) {
        if (value instanceof Boolean b) {
            return !b;
        }
        Object[] constants = value.getClass().getEnumConstants();
        return Arrays.stream(constants).filter(c -> c != value).findFirst().orElseThrow();
    }
}
