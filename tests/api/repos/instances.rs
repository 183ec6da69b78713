//! PostgreSQL only: two independently opened stores (as two Latchkey
//! instances would hold) racing on one database.

use latchkey::db::{Repos, Rotation};

use super::{T0, refresh_record, user};
use crate::helpers::{fresh_postgres_url, skip_postgres};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_race_for_one_code_and_one_refresh_token() {
    let Some((url, _guard)) = fresh_postgres_url().await else {
        skip_postgres();
        return;
    };
    let a = latchkey::db::connect(&url).await.unwrap();
    // The second instance starts against an already migrated database.
    let b = latchkey::db::connect(&url).await.unwrap();
    let alice = user(&a, "alice").await;
    assert_eq!(
        b.users.get(&alice.userid).await.unwrap().unwrap().username,
        "alice"
    );

    for round in 0..5 {
        let hash = format!("code-{round}");
        let token = format!("rt-{round}");
        b.refresh_tokens
            .create(&refresh_record(
                &token,
                &format!("fam-{round}"),
                &alice.userid,
            ))
            .await
            .unwrap();

        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(16));
        let mut codes = Vec::new();
        let mut rotations = Vec::new();
        for i in 0..16 {
            let r: Repos = if i % 2 == 0 { a.clone() } else { b.clone() };
            let (hash, token, barrier, userid) = (
                hash.clone(),
                token.clone(),
                barrier.clone(),
                alice.userid.clone(),
            );
            let r2 = r.clone();
            codes.push(tokio::spawn(async move {
                barrier.wait().await;
                r.codes.spend(&hash, "grant", T0 + 60).await
            }));
            rotations.push(tokio::spawn(async move {
                let next = refresh_record(&format!("{token}-{i}"), "f", &userid);
                r2.refresh_tokens.rotate(&token, &next, T0 + 1).await
            }));
        }
        let mut redeemed = 0;
        for task in codes {
            if task.await.unwrap().unwrap() {
                redeemed += 1;
            }
        }
        let mut rotated = 0;
        for task in rotations {
            match task.await.unwrap().unwrap() {
                Rotation::Rotated(_) => rotated += 1,
                Rotation::Reused(_) => {}
                Rotation::Unknown => panic!("the token exists"),
            }
        }
        assert_eq!((redeemed, rotated), (1, 1), "round {round}");
    }
}
