package io.salespulse.simulator;

import java.math.BigDecimal;
import java.util.List;

/** The demo shop: products with a category and a list price in USD (prices in other currencies derive from it). */
final class Catalogue {

    record Product(String id, String name, String category, BigDecimal priceUsd, int popularity) {
    }

    static final List<Product> PRODUCTS = List.of(
            product("P-1001", "Wireless Earbuds", "Electronics", "79.99", 9),
            product("P-1002", "4K Monitor 27\"", "Electronics", "329.00", 4),
            product("P-1003", "USB-C Charger 65W", "Electronics", "39.90", 10),
            product("P-1004", "Mechanical Keyboard", "Electronics", "119.50", 5),
            product("P-1005", "Smartwatch", "Electronics", "249.00", 5),
            product("P-1006", "Noise-Cancelling Headphones", "Electronics", "299.99", 4),
            product("P-2001", "The Pragmatic Programmer", "Books", "42.00", 6),
            product("P-2002", "Designing Data-Intensive Applications", "Books", "49.99", 7),
            product("P-2003", "Cookbook: Weeknight Meals", "Books", "24.95", 5),
            product("P-2004", "Children's Atlas", "Books", "18.50", 4),
            product("P-3001", "Espresso Machine", "Home & Kitchen", "189.00", 3),
            product("P-3002", "Chef's Knife", "Home & Kitchen", "64.00", 5),
            product("P-3003", "Cast Iron Skillet", "Home & Kitchen", "34.99", 6),
            product("P-3004", "Bed Linen Set", "Home & Kitchen", "89.00", 4),
            product("P-3005", "Scented Candle", "Home & Kitchen", "14.99", 8),
            product("P-4001", "Running Shoes", "Fashion", "109.95", 7),
            product("P-4002", "Denim Jacket", "Fashion", "79.00", 4),
            product("P-4003", "Cotton T-Shirt", "Fashion", "19.99", 10),
            product("P-4004", "Leather Belt", "Fashion", "35.00", 4),
            product("P-5001", "Yoga Mat", "Sports", "29.99", 6),
            product("P-5002", "Dumbbell Set", "Sports", "74.90", 3),
            product("P-5003", "Cycling Helmet", "Sports", "59.00", 3),
            product("P-5004", "Water Bottle", "Sports", "12.49", 9),
            product("P-6001", "Face Serum", "Beauty", "27.50", 6),
            product("P-6002", "Electric Toothbrush", "Beauty", "59.99", 5),
            product("P-6003", "Sunscreen SPF50", "Beauty", "15.99", 7),
            product("P-7001", "Building Blocks Set", "Toys", "49.99", 5),
            product("P-7002", "Board Game", "Toys", "32.00", 5),
            product("P-7003", "Plush Bear", "Toys", "16.99", 4),
            product("P-8001", "Organic Coffee Beans 1kg", "Grocery", "21.90", 8),
            product("P-8002", "Green Tea Selection", "Grocery", "9.99", 6),
            product("P-8003", "Dark Chocolate Box", "Grocery", "12.75", 7));

    private Catalogue() {
    }

    private static Product product(String id, String name, String category, String price, int popularity) {
        return new Product(id, name, category, new BigDecimal(price), popularity);
    }
}
