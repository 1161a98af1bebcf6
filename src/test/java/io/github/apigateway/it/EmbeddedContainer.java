package io.github.apigateway.it;

/**
 * The embedded container the gateway runs in for this test JVM: each failsafe execution puts exactly one
 * on the classpath. A few answers are the container's own (its error page for a URI it refuses, how its
 * deployer reports a failed start), and a test expects the one of the container it runs in.
 */
public enum EmbeddedContainer {
    JETTY, TOMCAT;

    public static EmbeddedContainer current() {
        if (onClasspath("org.apache.catalina.startup.Tomcat")) {
            return TOMCAT;
        }
        if (onClasspath("org.eclipse.jetty.server.Server")) {
            return JETTY;
        }
        throw new IllegalStateException("neither Jetty nor Tomcat is on the classpath: run the integration tests through Maven");
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, EmbeddedContainer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
