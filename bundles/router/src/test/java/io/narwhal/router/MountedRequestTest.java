package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.api.app.HttpRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the router hands an app is the codec's request seen from its mount: nothing else may be lost on the way. */
class MountedRequestTest {
    @Test
    void everyMethodOfTheRequestIsTheMountedRequestsOwn() {
        List<String> inherited = Arrays.stream(HttpRequest.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> declaredBy(method).equals(HttpRequest.class))
                .map(Method::getName)
                .toList();
        assertEquals(List.of(), inherited, "MountedRequest falls back to HttpRequest's defaults for these: a new "
                + "default method in the API must be passed through, or the app sees the default, not the request");
    }

    private static Class<?> declaredBy(Method method) {
        try {
            return MountedRequest.class.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
