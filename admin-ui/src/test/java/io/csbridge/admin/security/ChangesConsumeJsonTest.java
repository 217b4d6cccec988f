package io.csbridge.admin.security;

import io.csbridge.admin.AdminApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin API method that changes something names what it consumes, never a form type: a plain
 * cross-site form (urlencoded, multipart or text/plain), which a browser may send with Basic
 * credentials it remembered, is then answered 415 before it reaches the method.
 */
class ChangesConsumeJsonTest {

    private static final List<String> FORM_TYPES =
            List.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "*/*");

    @Test
    void everyChangingEndpointConsumesANonFormType() throws Exception {
        List<Method> changing = new ArrayList<>();
        for (Class<?> resource : resources()) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(PATCH.class) || m.isAnnotationPresent(DELETE.class)) {
                    changing.add(m);
                }
            }
        }
        assertThat(changing).hasSizeGreaterThan(8);
        for (Method m : changing) {
            Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                    : m.getDeclaringClass().getAnnotation(Consumes.class);
            assertThat(consumes).as(m.getDeclaringClass().getSimpleName() + "." + m.getName() + " has no @Consumes").isNotNull();
            for (String type : consumes.value()) {
                assertThat(FORM_TYPES).as(m.getDeclaringClass().getSimpleName() + "." + m.getName()).doesNotContain(type);
            }
        }
    }

    /** The JAX-RS resources of the admin API: every class with @Path under io.csbridge.admin. */
    private static List<Class<?>> resources() throws IOException, URISyntaxException, ClassNotFoundException {
        var root = Paths.get(AdminApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.contains("$")) continue;
                Class<?> c = Class.forName(name, false, ChangesConsumeJsonTest.class.getClassLoader());
                if (c.isAnnotationPresent(Path.class)) out.add(c);
            }
        }
        return out;
    }
}
