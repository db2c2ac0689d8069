package dev.voiceconsole.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Starts child processes (sidecars, child JVMs, external tools). Such tests take seconds each; {@code mvn test
 * -Pfast} leaves every tagged class out, so the unit tier runs alone in seconds (CI runs all).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("process")
public @interface ChildProcessTest {}
