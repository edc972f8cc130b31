DROP TABLE board_posts;
DROP TABLE board_tracking;
