package dev.lockscope.realworld.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An ordinary Spring Boot service: REST on Tomcat, JPA on H2, actuator with Prometheus, logging to a file. */
@SpringBootApplication
public class ServiceApp {
}
