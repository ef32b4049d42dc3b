DROP TABLE held_rewards;
