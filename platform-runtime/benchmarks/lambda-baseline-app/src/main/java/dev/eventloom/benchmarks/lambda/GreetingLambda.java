package dev.eventloom.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** The greeting contract as a plain quarkus-amazon-lambda handler. */
public class GreetingLambda implements RequestHandler<GreetingLambda.Person, GreetingLambda.Greeting> {

    public record Person(String name) {
    }

    public record Greeting(String message) {
    }

    @Override
    public Greeting handleRequest(Person person, Context context) {
        return new Greeting("Hello " + person.name());
    }
}
