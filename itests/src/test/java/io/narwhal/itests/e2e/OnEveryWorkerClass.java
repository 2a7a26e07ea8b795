package io.narwhal.itests.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test (or every test of a class) about serving HTTP, which runs on every worker class: itests/pom.xml runs it
 * once on sync and once more with {@code narwhal.test.workerClass=virtual}; its servers take the class under test
 * from {@link NarwhalProcess}, and what it asserts of keep-alive from {@link WorkerClass}. The pom says which tests
 * carry it and why.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("every-worker-class")
@interface OnEveryWorkerClass {
}
