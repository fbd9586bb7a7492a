package dev.lockscope.realworld.spring;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OrderRepository extends JpaRepository<Order, Long> {
    long countByCustomer(String customer);
}
