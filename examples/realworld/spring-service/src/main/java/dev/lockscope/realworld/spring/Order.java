package dev.lockscope.realworld.spring;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "orders")
public class Order {
    @Id
    @GeneratedValue
    private Long id;
    private String customer;
    private long cents;

    protected Order() {
    }

    public Order(String customer, long cents) {
        this.customer = customer;
        this.cents = cents;
    }

    public Long getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public long getCents() {
        return cents;
    }
}
